namespace Microsoft.Xrm.Sdk.PluginTelemetry
{
    public class EventId
    {
        public EventId(int id, string name = null)
        {
            Id = id;
            Name = name;
        }

        public int Id { get; }

        public string Name { get; }
    }
}

namespace PatientJourney.Crm.Plugins.Registration
{
    /// <summary>Whether a step runs inside the request (synchronous) or afterwards as a system job (asynchronous).</summary>
    public enum ExecutionMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }
}

namespace PatientJourney.Crm.Plugins.Registration
{
    /// <summary>The event pipeline stages a step can be registered on (values as Dataverse stores them).</summary>
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        /// <summary>Only for custom API handlers and data providers.</summary>
        MainOperation = 30,
        PostOperation = 40,
    }
}

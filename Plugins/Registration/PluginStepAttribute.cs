using System;

namespace PatientJourney.Crm.Plugins.Registration
{
    /// <summary>
    /// Registers the plug-in class on one message of one table. This attribute is the single source of the step
    /// registration: the packer reads it from the compiled assembly to write the solution's SDK message processing
    /// steps, and the emulator reads the same attribute to fire the step, so tests exercise what ships.
    /// A class may carry several steps.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class PluginStepAttribute : Attribute
    {
        public PluginStepAttribute(string message, string primaryEntity, PipelineStage stage, ExecutionMode mode)
        {
            Message = message;
            PrimaryEntity = primaryEntity;
            Stage = stage;
            Mode = mode;
        }

        /// <summary>The SDK message, e.g. "Create", "Update", "CreateMultiple".</summary>
        public string Message { get; }

        /// <summary>The table's logical name, or "none" for messages not bound to a table.</summary>
        public string PrimaryEntity { get; }

        public PipelineStage Stage { get; }

        public ExecutionMode Mode { get; }

        /// <summary>Execution order within the stage: lowest first.</summary>
        public int Rank { get; set; } = 1;

        /// <summary>Comma-separated columns whose change fires an Update step. Required on every Update step.</summary>
        public string? FilteringAttributes { get; set; }

        /// <summary>Alias of the pre-image, when the step needs the row as it was.</summary>
        public string? PreImageAlias { get; set; }

        /// <summary>Comma-separated columns of the pre-image (never all columns).</summary>
        public string? PreImageAttributes { get; set; }

        /// <summary>Alias of the post-image (PostOperation only).</summary>
        public string? PostImageAlias { get; set; }

        /// <summary>Comma-separated columns of the post-image.</summary>
        public string? PostImageAttributes { get; set; }

        /// <summary>Unsecure configuration passed to the plug-in's constructor.</summary>
        public string? UnsecureConfiguration { get; set; }

        /// <summary>Asynchronous steps only: delete the system job when it succeeds.</summary>
        public bool DeleteAsyncOperationOnSuccess { get; set; } = true;
    }
}

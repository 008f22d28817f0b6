using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Fixtures.Steps
{
    /// <summary>An Update step with filtering attributes and a pre-image.</summary>
    [PluginStep("Update", "pj_journey", PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = "pj_currentstageid,pj_status", PreImageAlias = "PreImage", PreImageAttributes = "pj_currentstageid,pj_status", Rank = 2)]
    public sealed class JourneyStageChange : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) { }
    }

    /// <summary>Two steps on one class, one asynchronous with a post-image.</summary>
    [PluginStep("Create", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Asynchronous,
        PostImageAlias = "PostImage", PostImageAttributes = "pj_journeyid,pj_occurredon")]
    [PluginStep("Create", "pj_referral", PipelineStage.PreValidation, ExecutionMode.Synchronous, UnsecureConfiguration = "fixture")]
    public sealed class TouchpointRecorded : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) { }
    }

    /// <summary>A base class in the same assembly: its subclasses are plug-ins too; it is abstract, so not registered.</summary>
    public abstract class FixturePluginBase : IPlugin
    {
        public abstract void Execute(IServiceProvider serviceProvider);
    }
}

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>Stands for the handler of pj_AdvanceJourney, to test the custom API link.</summary>
    public sealed class AdvanceJourney : PatientJourney.Crm.Fixtures.Steps.FixturePluginBase
    {
        public override void Execute(IServiceProvider serviceProvider) { }
    }
}

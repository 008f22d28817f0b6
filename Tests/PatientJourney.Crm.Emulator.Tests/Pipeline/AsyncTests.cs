using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Inspection;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

public sealed class AsyncTests
{
    [Fact]
    public void Async_steps_wait_for_the_commit_and_run_on_demand_outside_the_transaction()
    {
        var emulator = NewEmulator(typeof(AsyncFollowUp));
        var id = emulator.CreateOrganizationService().NewJourney();
        Assert.Empty(emulator.Rows("pj_followup"));
        Assert.Equal(1, emulator.PendingAsyncJobCount);
        Assert.Equal(1, emulator.RunPendingAsyncJobs());
        Assert.Equal(id, emulator.Rows("pj_followup").Single().GetAttributeValue<EntityReference>("pj_journeyid").Id);
        Assert.Contains("mode 1 in transaction False", emulator.TraceLines);
        Assert.Empty(emulator.SystemJobs);
    }

    [Fact]
    public void Async_steps_of_a_failed_request_are_never_queued()
    {
        var emulator = NewEmulator(typeof(AsyncFollowUp), typeof(RejectJourneyOnPostOperation));
        Fault(() => emulator.CreateOrganizationService().NewJourney());
        Assert.Equal(0, emulator.PendingAsyncJobCount);
        Assert.Empty(emulator.SystemJobs);
    }

    [Fact]
    public void Async_failures_are_recorded_as_failed_jobs_and_roll_back_only_the_job()
    {
        var emulator = NewEmulator(typeof(AsyncFailing));
        emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "t" });
        emulator.RunPendingAsyncJobs();
        var job = emulator.FailedAsyncJobs.Single();
        Assert.Equal(SystemJobStatus.Failed, job.Status);
        Assert.Equal("The external system is down.", job.Message);
        Assert.Single(emulator.Rows("pj_tag"));
        Assert.Empty(emulator.Rows("pj_followup"));
    }

    [Fact]
    public void Async_steps_can_run_automatically_after_commit()
    {
        var emulator = NewEmulator(typeof(AsyncFollowUp));
        emulator.RunAsyncJobsAutomatically = true;
        emulator.CreateOrganizationService().NewJourney();
        Assert.Single(emulator.Rows("pj_followup"));
        Assert.Equal(0, emulator.PendingAsyncJobCount);
    }
}

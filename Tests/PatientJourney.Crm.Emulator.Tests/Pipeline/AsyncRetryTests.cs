using System.Linq;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

public sealed class AsyncRetryTests
{
    [Fact]
    public void Succeeded_jobs_can_be_requeued_to_run_again_with_the_same_context()
    {
        var emulator = NewEmulator(typeof(AsyncFollowUp));
        emulator.CreateOrganizationService().NewJourney();
        emulator.RunPendingAsyncJobs();

        Assert.Equal(1, emulator.RequeueSucceededAsyncJobs());
        Assert.Equal(1, emulator.PendingAsyncJobCount);
        Assert.Equal(1, emulator.RunPendingAsyncJobs());

        // The test step is not idempotent, so the retry shows: it ran twice.
        Assert.Equal(2, emulator.Rows("pj_followup").Count);
        // Only jobs that succeeded since the last requeue are queued again.
        Assert.Equal(1, emulator.RequeueSucceededAsyncJobs());
        Assert.Equal(0, emulator.RequeueSucceededAsyncJobs());
    }
}

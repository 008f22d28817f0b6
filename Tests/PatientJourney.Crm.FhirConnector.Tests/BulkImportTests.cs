using System;
using System.IO;
using System.Linq;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>A Bulk Data $export directory (NDJSON per resource type) imported in batches with a checkpoint.</summary>
public sealed class BulkImportTests : ScenarioTest, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pj-fhir-bulk-").FullName;

    private string Checkpoint => Path.Combine(directory, "checkpoint.json");

    public BulkImportTests()
    {
        File.WriteAllLines(Path.Combine(directory, "Appointment.ndjson"),
            Enumerable.Range(1, 5).Select(i => Appointment($"a{i}", $"Patient/p{i}", env.Now.AddDays(i)).ToJsonString()));
        File.WriteAllLines(Path.Combine(directory, "Patient.ndjson"),
            Enumerable.Range(1, 5).Select(i => Patient($"p{i}", $"MRN-{i}").ToJsonString()).Append("{\"resourceType\":\"Patient\",\"id\":\"bad\",\"birthDate\":\"1990-02-30\",\"name\":[{\"family\":\"X\"}]}"));
    }

    private BulkResult Run(int? maxBatches = null) => new BulkImporter(env.Service, Settings).Run(directory, Checkpoint, batchSize: 4, maxBatches: maxBatches);

    [Fact]
    public void A_stopped_import_resumes_from_its_checkpoint_without_duplicates_and_reports_bad_lines()
    {
        var first = Run(maxBatches: 1);
        Assert.False(first.Finished);
        Assert.Equal(4, first.Resources);
        Assert.Equal(4, env.Count(ContactTable.LogicalName));

        var rest = Run();
        Assert.True(rest.Finished);
        Assert.Equal(7, rest.Resources);   // 2 patient lines (one invalid) and 5 appointments
        Assert.Equal("Patient.ndjson:6: Patient.birthDate: " , rest.Failures.Single()[..37]);
        Assert.Equal(5, env.Count(ContactTable.LogicalName));
        Assert.Equal(5, env.Count(AppointmentTable.LogicalName));

        File.Delete(Checkpoint);
        var writes = env.Emulator.RowsWritten.Count;
        var again = Run();
        Assert.Equal(11, again.Resources);
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(directory, recursive: true);
        Dispose();
    }
}

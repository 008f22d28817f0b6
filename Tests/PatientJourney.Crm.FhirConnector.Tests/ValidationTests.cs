using System;
using System.IO;
using System.Linq;
using PatientJourney.Crm.FhirConnector.Validation;
using Xunit;

namespace PatientJourney.Crm.FhirConnector.Tests;

public class ValidationTests
{
    private static string Bundle(string name) => Path.Combine(AppContext.BaseDirectory, "Bundles", name);

    [Fact]
    public void Each_invalid_entry_gets_an_outcome_naming_its_element()
    {
        var parsed = new BundleValidator().Read(File.ReadAllText(Bundle("invalid-entries.json")));

        Assert.Equal(new[] { 0, 1, 2 }, parsed.InvalidEntries.Keys.Order());
        Assert.Equal("Patient.birthDate", parsed.InvalidEntries[0].Issue.Single().Expression.Single());
        Assert.Contains("not a correct literal for a date", parsed.InvalidEntries[0].Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("1990-13-45", parsed.InvalidEntries[0].Issue[0].Diagnostics, StringComparison.Ordinal);   // patient data stays out
        Assert.Equal("Appointment.status", parsed.InvalidEntries[1].Issue.Single().Expression.Single());
        Assert.Contains("AppointmentStatus", parsed.InvalidEntries[1].Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("Appointment.status", parsed.InvalidEntries[2].Issue.Single().Expression.Single());
        Assert.Contains("minimum cardinality 1", parsed.InvalidEntries[2].Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validate_command_exits_0_on_a_valid_bundle_and_1_on_an_invalid_one_printing_the_paths()
    {
        var valid = new StringWriter();
        var invalid = new StringWriter();

        Assert.Equal(0, Program.Validate(new FileInfo(Bundle("valid-patient.json")), valid));
        Assert.Equal(1, Program.Validate(new FileInfo(Bundle("invalid-entries.json")), invalid));

        Assert.Contains("1 entries, all valid.", valid.ToString(), StringComparison.Ordinal);
        Assert.Contains("entry 0: Patient.birthDate:", invalid.ToString(), StringComparison.Ordinal);
        Assert.Contains("entry 1: Appointment.status:", invalid.ToString(), StringComparison.Ordinal);
        Assert.Contains("4 entries, 3 invalid.", invalid.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_that_is_neither_batch_nor_transaction_is_refused()
    {
        var parsed = new BundleValidator().Read(FhirBundles.Bundle("collection", FhirBundles.Patient("p1", "MRN-1")));

        Assert.False(parsed.IsValid);
        Assert.Equal("Bundle.type", parsed.BundleProblems!.Issue.Single().Expression.Single());
    }
}

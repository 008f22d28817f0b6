using System;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>Bundles imported through IOrganizationService into the emulator with the shipped managed zip and its plug-ins.</summary>
public class ImportTests : ScenarioTest
{
    private Hl7.Fhir.Model.Bundle Import(string bundle) => new BundleImporter(env.Service, Settings).Import(bundle);

    private Entity Contact(string mrn) => env.Emulator.Rows(ContactTable.LogicalName).Single(c => c.GetAttributeValue<string>(ContactTable.Mrn) == mrn);

    /// <summary>
    /// A bundle's entries are planned against what Dataverse holds plus what earlier entries of the same bundle move: in
    /// a transaction nothing is written until every entry is planned, and the readmission must still see the discharge.
    /// </summary>
    [Theory]
    [InlineData("batch")]
    [InlineData("transaction")]
    public void A_discharge_and_a_readmission_in_one_bundle_move_the_journey_twice_in_order(string type)
    {
        var (statuses, visits) = EhrDay.DischargeAndReadmissionInOneBundle(env, EhrDay.HipPathway(env), env.Service, type);

        Assert.Equal(new[] { "200 OK", "200 OK" }, statuses);
        Assert.Equal("Surgery,Recovery,Surgery", visits);
    }

    [Fact]
    public void A_patient_maps_to_a_contact_keyed_by_its_FHIR_id_and_MRN()
    {
        var response = Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))));

        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.BatchResponse, response.Type);
        Assert.True(Statuses(response).SequenceEqual(["201 Created"]), Issues(response));
        var contact = Contact("MRN-1");
        Assert.Equal(CareData.PatientLastName, contact.GetAttributeValue<string>(ContactTable.LastName));
        Assert.Equal(CareData.PatientFirstName, contact.GetAttributeValue<string>(ContactTable.FirstName));
        Assert.Equal(new DateTime(1951, 3, 14), contact.GetAttributeValue<DateTime>(ContactTable.BirthDate).Date);
        Assert.Equal("+44 7700 900123", contact.GetAttributeValue<string>(ContactTable.MobilePhone));
        Assert.Equal("z.q@example.org", contact.GetAttributeValue<string>(ContactTable.EMailAddress1));
        Assert.Equal("en-GB", contact.GetAttributeValue<string>(ContactTable.PreferredLanguage));
        Assert.Equal(Source, contact.GetAttributeValue<string>(ContactTable.FhirSourceSystem));
        Assert.Equal("p1", contact.GetAttributeValue<string>(ContactTable.FhirId));
    }

    [Fact]
    public void Re_sending_a_bundle_writes_nothing_and_an_older_version_does_not_overwrite_a_newer_one()
    {
        var newer = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var first = Import(Bundle("batch", Patient("p1", "MRN-1", newer)));
        Assert.True(Statuses(first).SequenceEqual(["201 Created"]), Issues(first));
        var writes = env.Emulator.RowsWritten.Count;

        var again = Import(Bundle("batch", Patient("p1", "MRN-1", newer)));
        var older = Import(Bundle("batch", Patient("p1", "MRN-1", newer.AddDays(-5), family: "Older")));

        Assert.Equal(new[] { "200 OK" }, Statuses(again));
        Assert.Equal(new[] { "200 OK" }, Statuses(older));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
        Assert.Equal(CareData.PatientLastName, Contact("MRN-1").GetAttributeValue<string>(ContactTable.LastName));

        Import(Bundle("batch", Patient("p1", "MRN-1", newer.AddDays(1), family: "Newer")));
        Assert.Equal("Newer", Contact("MRN-1").GetAttributeValue<string>(ContactTable.LastName));
        Assert.Single(env.Emulator.Rows(ContactTable.LogicalName));
    }

    [Fact]
    public void An_inactive_patient_deactivates_the_contact_and_an_active_one_reactivates_it()
    {
        var inactive = Patient("p1", "MRN-1", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        inactive["active"] = false;

        Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(0, Contact("MRN-1").GetAttributeValue<OptionSetValue>(ContactTable.StateCode).Value);
        Import(Bundle("batch", inactive));
        Assert.Equal(1, Contact("MRN-1").GetAttributeValue<OptionSetValue>(ContactTable.StateCode).Value);
        Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(0, Contact("MRN-1").GetAttributeValue<OptionSetValue>(ContactTable.StateCode).Value);
    }

    [Fact]
    public void A_patient_registered_by_staff_is_linked_by_MRN_not_duplicated()
    {
        var staffEntered = env.CreatePatient("MRN-7");

        Import(Bundle("batch", Patient("p7", "MRN-7")));

        Assert.Equal(staffEntered, Assert.Single(env.Emulator.Rows(ContactTable.LogicalName)).Id);
        Assert.Equal("p7", Contact("MRN-7").GetAttributeValue<string>(ContactTable.FhirId));
    }

    [Fact]
    public void A_transaction_resolves_urn_uuid_references_and_a_no_show_reaches_the_patients_counters()
    {
        const string patient = "urn:uuid:4f6a1c2e-0000-4000-8000-000000000001";
        var start = env.Now.AddDays(5);

        var response = Import(Bundle("transaction", Patient("p1", "MRN-1", fullUrl: patient), Appointment("a1", patient, start)));

        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.TransactionResponse, response.Type);
        Assert.Equal(new[] { "201 Created", "201 Created" }, Statuses(response));
        var appointment = Assert.Single(env.Emulator.Rows(AppointmentTable.LogicalName));
        Assert.Equal(Contact("MRN-1").Id, appointment.GetAttributeValue<EntityReference>(AppointmentTable.PatientId).Id);
        Assert.Equal(start, appointment.GetAttributeValue<DateTime>(AppointmentTable.ScheduledStart));
        Assert.Equal(AppointmentTable.AttendanceOptions.Scheduled, appointment.GetAttributeValue<OptionSetValue>(AppointmentTable.Attendance).Value);

        env.Emulator.Clock.Advance(TimeSpan.FromDays(6));
        Import(Bundle("batch", Appointment("a1", "Patient/p1", start, "noshow")));
        env.Emulator.RunPendingAsyncJobs();

        Assert.Equal(AppointmentTable.AttendanceOptions.NoShow, env.Retrieve(AppointmentTable.LogicalName, appointment.Id).GetAttributeValue<OptionSetValue>(AppointmentTable.Attendance).Value);
        Assert.Equal(1, Contact("MRN-1").GetAttributeValue<int>(ContactTable.NoShowCount));
    }

    [Fact]
    public void A_transaction_with_one_bad_entry_writes_nothing_and_says_which_entry_to_fix()
    {
        var response = Import(Bundle("transaction", Patient("p1", "MRN-1"), Appointment("a1", "Patient/nobody", env.Now.AddDays(2))));

        Assert.Equal(new[] { "409 Conflict", "422 Unprocessable Entity" }, Statuses(response));
        var issue = response.Entry[1].Response!.Outcome is OperationOutcome o ? o.Issue.Single() : throw new InvalidOperationException("no outcome");
        Assert.Equal("Appointment.participant[0].actor", issue.Expression.Single());
        Assert.Contains("points to no Patient", issue.Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", issue.Diagnostics, StringComparison.Ordinal); // a reference may carry an identifier: the path names it instead
        Assert.Empty(env.Emulator.Rows(ContactTable.LogicalName));
        Assert.Empty(env.Emulator.Rows(AppointmentTable.LogicalName));
    }

    [Fact]
    public void A_batch_writes_the_valid_entries_and_refuses_the_invalid_ones_with_their_outcome()
    {
        var bundle = System.IO.File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Bundles", "invalid-entries.json"));

        var response = Import(bundle);

        Assert.Equal(new[] { "400 Bad Request", "400 Bad Request", "400 Bad Request", "201 Created" }, Statuses(response));
        Assert.Equal("fine", Assert.Single(env.Emulator.Rows(ContactTable.LogicalName)).GetAttributeValue<string>(ContactTable.FhirId));
    }

    [Fact]
    public void A_referral_follows_the_referral_rules_and_a_refused_move_is_reported_not_forced()
    {
        Import(Bundle("batch", Patient("p1", "MRN-1"), Referral("r1", "Patient/p1")));
        var referral = Assert.Single(env.Emulator.Rows(ReferralTable.LogicalName));
        Assert.Equal(ReferralTable.StatusOptions.Submitted, referral.GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
        Assert.Equal(ReferralTable.PriorityOptions.Urgent, referral.GetAttributeValue<OptionSetValue>(ReferralTable.Priority).Value);
        Assert.NotNull(referral.GetAttributeValue<DateTime?>(ReferralTable.SlaDueOn));
        Assert.Equal(AuthoredOn, referral.GetAttributeValue<DateTime>(ReferralTable.AuthoredOn));

        var response = Import(Bundle("batch", Referral("r1", "Patient/p1", "completed")));

        Assert.Equal(new[] { "422 Unprocessable Entity" }, Statuses(response));
        Assert.Equal(OperationOutcome.IssueType.BusinessRule, ((OperationOutcome)response.Entry[0].Response!.Outcome!).Issue.Single().Code);
        Assert.Equal(ReferralTable.StatusOptions.Submitted, env.Retrieve(ReferralTable.LogicalName, referral.Id).GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
    }

    [Fact]
    public void A_referral_authored_on_a_partial_date_leaves_authored_on_empty()
    {
        var response = Import(Bundle("batch", Patient("p1", "MRN-1"), Referral("r1", "Patient/p1", authoredOn: "2026-11")));

        Assert.True(Statuses(response).SequenceEqual(["201 Created", "201 Created"]), Issues(response));
        Assert.Null(Assert.Single(env.Emulator.Rows(ReferralTable.LogicalName)).GetAttributeValue<DateTime?>(ReferralTable.AuthoredOn));
    }
}

using System;
using System.Linq;
using Hl7.Fhir.Model;
using R4 = Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Export;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.FhirConnector.Validation;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>A patient's journey exported as FHIR R4 from the emulator with the shipped plug-ins.</summary>
public class ExportTests : ScenarioTest
{
    private readonly Pathway hip;

    public ExportTests() => hip = EhrDay.HipPathway(env);

    private Hl7.Fhir.Model.Bundle Import(string bundle)
    {
        var response = new BundleImporter(env.Service, Settings).Import(bundle);
        Assert.True(response.Entry.All(e => e.Response!.Outcome == null), Issues(response));
        return response;
    }

    /// <summary>An EHR patient with a referral accepted onto the hip pathway, its episode of care and a booked appointment.</summary>
    private void ImportedJourney()
    {
        var day = env.Now;
        Import(Bundle("batch", Patient("p1", "MRN-1", day), Referral("r1", "Patient/p1", lastUpdated: day), Appointment("a1", "Patient/p1", day.AddDays(3), lastUpdated: day)));
        var referral = env.Emulator.Rows(ReferralTable.LogicalName).Single();
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.PathwayId] = hip.Reference });
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Accepted) });
        Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "active", "ServiceRequest/r1", day)));
        env.Emulator.RunPendingAsyncJobs();
    }

    [Fact]
    public void The_export_is_valid_FHIR_with_the_ids_the_EHR_gave_and_follow_ups_as_Task_or_Communication()
    {
        ImportedJourney();

        var bundle = new JourneyExporter(env.Service, Settings).Export("MRN-1");

        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Collection, bundle.Type);
        var validator = new BundleValidator();
        Assert.All(bundle.Entry, e => Assert.Empty(validator.Problems(e.Resource!)));
        Assert.Equal("p1", Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<R4.Patient>()).Id);
        var request = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>());
        Assert.Equal("r1", request.Id);
        Assert.Equal(RequestStatus.Active, request.Status);
        Assert.Equal(AuthoredOn, request.AuthoredOnElement!.ToDateTimeOffset(TimeSpan.Zero).UtcDateTime);
        var episode = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<R4.EpisodeOfCare>());
        Assert.Equal("ep1", episode.Id);
        Assert.Equal(bundle.Entry.Single(e => e.Resource is ServiceRequest).FullUrl, episode.ReferralRequest.Single().Reference);
        Assert.Equal(bundle.Entry.Single(e => e.Resource is R4.Patient).FullUrl, episode.Patient.Reference);

        var followUps = env.Emulator.Rows(FollowUpTable.LogicalName);
        var messages = followUps.Where(f => f.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind).Value == Choices.FollowUpKind.AutomatedMessage).Select(f => f.Id.ToString("D")).Order();
        var tasks = followUps.Where(f => f.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind).Value == Choices.FollowUpKind.StaffTask).Select(f => f.Id.ToString("D")).Order();
        Assert.NotEmpty(messages);
        Assert.Equal(messages, bundle.Entry.Select(e => e.Resource).OfType<Communication>().Select(c => c.Id).Order());
        Assert.Equal(tasks, bundle.Entry.Select(e => e.Resource).OfType<Task>().Select(t => t.Id).Order());
    }

    [Fact]
    public void Re_importing_the_exported_patient_referral_and_episode_changes_nothing()
    {
        ImportedJourney();
        var exported = new JourneyExporter(env.Service, Settings).Export("MRN-1");
        var again = new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Batch };
        again.Entry.AddRange(exported.Entry.Where(e => e.Resource is R4.Patient or ServiceRequest or R4.EpisodeOfCare)
            .Select(e => new Hl7.Fhir.Model.Bundle.EntryComponent { FullUrl = e.FullUrl, Resource = e.Resource }));
        var writes = env.Emulator.RowsWritten.Count;

        var response = Import(again.ToJson());

        Assert.Equal(new[] { "200 OK", "200 OK", "200 OK" }, Statuses(response));
        Assert.Equal(new[] { "Patient/p1", "ServiceRequest/r1", "EpisodeOfCare/ep1" }, response.Entry.Select(e => e.Response!.Location));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
    }

    [Fact]
    public void A_patient_registered_by_staff_is_exported_with_row_ids_and_an_unknown_MRN_is_refused()
    {
        var patient = env.CreatePatient("MRN-9");
        env.StartJourney(patient, hip);

        var bundle = new JourneyExporter(env.Service, Settings).Export("MRN-9");
        var refused = Assert.Throws<ExportRefusedException>(() => new JourneyExporter(env.Service, Settings).Export("MRN-404"));

        Assert.Equal(patient.ToString("D"), bundle.Entry.Select(e => e.Resource).OfType<R4.Patient>().Single().Id);
        Assert.Equal(R4.EpisodeOfCare.EpisodeOfCareStatus.Active, bundle.Entry.Select(e => e.Resource).OfType<R4.EpisodeOfCare>().Single().Status);
        Assert.DoesNotContain("MRN-404", refused.Message, StringComparison.Ordinal);
    }
}

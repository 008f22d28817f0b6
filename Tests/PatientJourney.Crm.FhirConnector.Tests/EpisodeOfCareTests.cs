using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.FhirConnector.Validation;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>EpisodeOfCare → the journey it belongs to, through the shipped plug-ins.</summary>
public class EpisodeOfCareTests : ScenarioTest
{
    private readonly Pathway hip, diabetes;

    public EpisodeOfCareTests()
    {
        hip = EhrDay.HipPathway(env);
        diabetes = env.CreatePathway("Diabetes care", new StageSpec("Review", 10, Phase: PathwayStageTable.PhaseOptions.PreCare), new StageSpec("Clinic", 20));
    }

    private Hl7.Fhir.Model.Bundle Import(string bundle) => new BundleImporter(env.Service, Settings).Import(bundle);

    private Entity Journey(Guid id) => env.Retrieve(JourneyTable.LogicalName, id);

    /// <summary>A patient whose referral staff accepted onto the hip pathway, and a second journey (diabetes care) started by staff.</summary>
    private (Guid FromReferral, Guid Other) TwoJourneys()
    {
        Assert.True(Statuses(Import(Bundle("batch", Patient("p1", "MRN-1"), Referral("r1", "Patient/p1")))).All(s => s == "201 Created"));
        var referral = env.Emulator.Rows(ReferralTable.LogicalName).Single();
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.PathwayId] = hip.Reference });
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Accepted) });
        var fromReferral = env.Emulator.Rows(JourneyTable.LogicalName).Single().Id;
        var patient = referral.GetAttributeValue<EntityReference>(ReferralTable.PatientId).Id;
        return (fromReferral, env.StartJourney(patient, diabetes));
    }

    [Fact]
    public void An_episode_finds_the_journey_its_referral_started_keeps_its_FHIR_id_and_moves_its_status()
    {
        var (journey, other) = TwoJourneys();
        var day = env.Now;

        var held = Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "onhold", "ServiceRequest/r1", day)));

        Assert.True(Statuses(held).SequenceEqual(["200 OK"]), Issues(held));
        Assert.Equal(JourneyTable.StatusOptions.OnHold, Journey(journey).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
        Assert.Equal("ep1", Journey(journey).GetAttributeValue<string>(JourneyTable.FhirId));
        Assert.Equal(Source, Journey(journey).GetAttributeValue<string>(JourneyTable.FhirSourceSystem));
        Assert.Equal(JourneyTable.StatusOptions.Active, Journey(other).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);

        // Re-sent, nothing is written; an older version does not undo the hold; a newer one resumes the journey.
        var writes = env.Emulator.RowsWritten.Count;
        Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "onhold", "ServiceRequest/r1", day)));
        Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "active", "ServiceRequest/r1", day.AddHours(-1))));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
        Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "active", lastUpdated: day.AddHours(1))));
        Assert.Equal(JourneyTable.StatusOptions.Active, Journey(journey).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);

        // The patient has two open journeys: an admission naming the episode moves that journey only.
        env.MoveJourney(journey, hip, "Assessment");
        var admission = Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now, "EpisodeOfCare/ep1", env.Now)));
        Assert.True(Statuses(admission).SequenceEqual(["200 OK"]), Issues(admission));
        Assert.Equal(hip.Stages["Surgery"], Journey(journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(diabetes.Stages["Review"], Journey(other).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);

        // Cancelled in the EHR: the journey is cancelled.
        Import(Bundle("batch", EpisodeOfCare("ep1", "Patient/p1", "cancelled", lastUpdated: day.AddHours(2))));
        Assert.Equal(JourneyTable.StatusOptions.Cancelled, Journey(journey).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
    }

    [Fact]
    public void An_episode_or_encounter_that_cannot_tell_which_journey_is_refused_saying_what_to_send()
    {
        TwoJourneys();
        Import(Bundle("batch", Patient("p2", "MRN-2")));

        var response = Import(Bundle("batch",
            EpisodeOfCare("ep1", "Patient/p1"),
            Encounter("e1", "Patient/p1", "in-progress", env.Now),
            EpisodeOfCare("ep2", "Patient/p2"),
            EpisodeOfCare("ep3", "Patient/p1", referral: "ServiceRequest/nothing"),
            Encounter("e2", "Patient/p1", "in-progress", env.Now, "EpisodeOfCare/nothing")));

        Assert.Equal(Enumerable.Repeat("422 Unprocessable Entity", 5), Statuses(response));
        var issues = response.Entry.Select(e => ((Hl7.Fhir.Model.OperationOutcome)e.Response!.Outcome!).Issue.Single()).ToList();
        Assert.Equal(new[] { "EpisodeOfCare.referralRequest", "Encounter.episodeOfCare", "EpisodeOfCare.referralRequest", "EpisodeOfCare.referralRequest[0]", "Encounter.episodeOfCare[0]" },
            issues.Select(i => i.Expression.Single()));
        Assert.Contains("several open journeys", issues[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("no open journey", issues[2].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("points to no ServiceRequest", issues[3].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("points to no EpisodeOfCare", issues[4].Diagnostics, StringComparison.Ordinal);
        Assert.All(env.Emulator.Rows(JourneyTable.LogicalName), j => Assert.Null(j.GetAttributeValue<string>(JourneyTable.FhirId)));
    }

    [Fact]
    public void A_finished_episode_of_an_open_journey_and_an_entered_in_error_one_are_refused_not_forced()
    {
        var (journey, _) = TwoJourneys();

        var response = Import(Bundle("batch",
            EpisodeOfCare("ep1", "Patient/p1", "finished", "ServiceRequest/r1"),
            EpisodeOfCare("ep2", "Patient/p1", "entered-in-error", "ServiceRequest/r1")));

        Assert.Equal(new[] { "422 Unprocessable Entity", "422 Unprocessable Entity" }, Statuses(response));
        Assert.Contains("EpisodeOfCare.status", Issues(response), StringComparison.Ordinal);
        Assert.Contains("pathway's last stage", Issues(response), StringComparison.Ordinal);
        Assert.Equal(JourneyTable.StatusOptions.Active, Journey(journey).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
    }

    [Fact]
    public void An_episode_that_is_not_valid_FHIR_names_the_element()
    {
        var unknownStatus = EpisodeOfCare("ep1", "Patient/p1", "closed");
        var noPatient = EpisodeOfCare("ep2", "Patient/p1");
        noPatient.Remove("patient");

        var parsed = new BundleValidator().Read(Bundle("batch", unknownStatus, noPatient));

        Assert.Equal("EpisodeOfCare.status", parsed.InvalidEntries[0].Issue.Single().Expression.Single());
        Assert.Equal("EpisodeOfCare.patient", parsed.InvalidEntries[1].Issue.Single().Expression.Single());
        Assert.Contains("minimum cardinality 1", parsed.InvalidEntries[1].Issue[0].Diagnostics, StringComparison.Ordinal);
    }
}

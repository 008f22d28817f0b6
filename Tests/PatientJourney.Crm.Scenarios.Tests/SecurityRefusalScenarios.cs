using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Advance = PatientJourney.Crm.Domain.LogicalNames.CustomApis.AdvanceJourney;
using Complete = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CompleteFollowUp;
using Record = PatientJourney.Crm.Domain.LogicalNames.CustomApis.RecordTouchpoint;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// A care coordinator of the north clinic runs a patient's journey through the custom APIs; then people who should not
/// see or change it try: a care coordinator of the south region, an analyst, front desk, a user with Basic User alone.
/// </summary>
public class SecurityRefusalScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Pathway hip;
    private readonly Guid coordinator;
    private readonly Guid patient;
    private readonly Guid journey;
    private readonly Guid referral;
    private readonly Guid touchpoint;
    private readonly Guid followUp;
    private readonly Guid survey;
    private readonly Guid risk;

    public SecurityRefusalScenarios()
    {
        org = new Organisation(env);
        hip = env.CreateHipPathway();
        env.AddTransition(hip, "Referral", "Assessment");
        var referralCoordinator = org.StaffMember("Referral coordinator", org.NorthClinic);
        coordinator = org.StaffMember("Care coordinator", org.NorthClinic);
        env.ActAs(referralCoordinator);
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, preferred: Choices.Channel.SMS);
        referral = env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Orthopaedic referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine), [ReferralTable.Reason] = CareData.ClinicalMarker,
        });
        env.ActAs(coordinator);
        journey = env.StartJourney(patient, hip, "Referral");
        env.Service.Execute(new OrganizationRequest(Advance.MessageName)
        {
            [Advance.InJourney] = new EntityReference(JourneyTable.LogicalName, journey), [Advance.InTargetStage] = hip.Stage("Assessment"), [Advance.InReason] = CareData.ClinicalMarker,
        });
        var recorded = env.Service.Execute(TouchpointRequest());
        touchpoint = ((EntityReference)recorded.Results.Values.Single(v => v is EntityReference)).Id;
        env.Service.Update(new Entity(TouchpointTable.LogicalName, touchpoint) { [TouchpointTable.Notes] = CareData.ClinicalMarker });
        env.BookAppointment(patient, ScenarioEnvironment.Start.AddDays(7), journey);
        followUp = env.OpenFollowUps(patient).First().Id;
        env.Service.Execute(new OrganizationRequest(Complete.MessageName)
        {
            [Complete.InFollowUp] = new EntityReference(FollowUpTable.LogicalName, followUp), [Complete.InSucceeded] = true, [Complete.InOutcome] = CareData.ClinicalMarker,
        });
        survey = env.RecordSurvey(patient, 3, journey, CareData.ClinicalMarker);
        risk = env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE,
            "{\"lengthOfStayDays\": 2, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}", journey);
        env.Emulator.ClearLog();
    }

    private OrganizationRequest TouchpointRequest() => new(Record.MessageName)
    {
        [Record.InType] = new OptionSetValue(TouchpointTable.TypeOptions.Call), [Record.InChannel] = new OptionSetValue(Choices.Channel.Phone),
        [Record.InDirection] = new OptionSetValue(TouchpointTable.DirectionOptions.Outbound),
        [Record.InPatient] = new EntityReference(ContactTable.LogicalName, patient), [Record.InJourney] = new EntityReference(JourneyTable.LogicalName, journey),
    };

    private static DataverseFaultException Denied(Action request)
    {
        var fault = Assert.Throws<DataverseFaultException>(request);
        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        return fault;
    }

    [Fact]
    public void The_coordinator_ran_the_journey_through_the_custom_apis()
    {
        Assert.Equal(hip.Stages["Assessment"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(FollowUpTable.StatusOptions.Completed, env.Retrieve(FollowUpTable.LogicalName, followUp).GetAttributeValue<OptionSetValue>(FollowUpTable.Status).Value);
        Assert.Equal(coordinator, env.Retrieve(TouchpointTable.LogicalName, touchpoint).GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Theory]
    [InlineData(ContactTable.LogicalName)]
    [InlineData(JourneyTable.LogicalName)]
    [InlineData(ReferralTable.LogicalName)]
    [InlineData(FollowUpTable.LogicalName)]
    public void A_care_coordinator_of_another_unit_can_neither_read_nor_update_the_record(string table)
    {
        var id = table switch { ContactTable.LogicalName => patient, JourneyTable.LogicalName => journey, ReferralTable.LogicalName => referral, _ => followUp };
        env.ActAs(org.StaffMember("Care coordinator", org.South));
        var primaryName = env.Emulator.Rows(table).Single(r => r.Id == id).Attributes.Keys.First(k => k is "pj_name" or "lastname");
        Assert.Contains("AccessRights: ReadAccess", Denied(() => env.Service.Retrieve(table, id, new ColumnSet(primaryName))).Message);
        Denied(() => env.Service.Update(new Entity(table, id) { [primaryName] = "changed" }));
        Assert.DoesNotContain(env.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(primaryName) }).Entities, e => e.Id == id);
    }

    [Theory]
    [InlineData("Analyst")]
    [InlineData("Front desk")]
    public void Analysts_and_front_desk_get_no_clinical_free_text(string role)
    {
        env.ActAs(org.StaffMember(role, org.NorthClinic));
        (string Table, Guid Id, string Column)[] secured =
        [
            (ReferralTable.LogicalName, referral, ReferralTable.Reason), (JourneyStageHistoryTable.LogicalName, env.StageVisits(journey)[^1].Id, JourneyStageHistoryTable.Reason),
            (TouchpointTable.LogicalName, touchpoint, TouchpointTable.Notes), (FollowUpTable.LogicalName, followUp, FollowUpTable.Outcome),
            (SurveyResponseTable.LogicalName, survey, SurveyResponseTable.Comment), (RiskAssessmentTable.LogicalName, risk, RiskAssessmentTable.Inputs),
        ];
        var reads = ShippedSolution.Definition.Roles.Single(r => r.Name == role).TablePrivileges.Where(p => p.Access == PrivilegeAccess.Read).Select(p => p.Table).ToHashSet();
        foreach (var (table, id, column) in secured)
        {
            Assert.True(env.Emulator.Rows(table).Single(r => r.Id == id).Contains(column), $"{table}.{column} holds no value to hide");
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(column) };
            // A role without Read on the table is refused the query outright; one with Read gets the rows without the column.
            if (!reads.Contains(table))
            {
                Denied(() => env.Service.RetrieveMultiple(query));
                continue;
            }
            var rows = env.Service.RetrieveMultiple(query).Entities;
            // The analyst reads every row across the organisation; front desk sees follow-ups it owns only.
            if (role == "Analyst") Assert.Contains(rows, r => r.Id == id);
            Assert.All(rows, r => Assert.False(r.Contains(column), $"{role} read {table}.{column}"));
        }
    }

    [Fact]
    public void A_user_with_basic_user_alone_cannot_call_a_custom_api_that_changes_data()
    {
        env.ActAs(org.StaffMember(null, org.NorthClinic));
        var before = env.Count(TouchpointTable.LogicalName);
        Denied(() => env.Service.Execute(TouchpointRequest()));
        Assert.Equal(before, env.Count(TouchpointTable.LogicalName));
    }

    [Theory]
    [InlineData("Care coordinator")]
    [InlineData("Referral coordinator")]
    [InlineData("Front desk")]
    [InlineData("Analyst")]
    public void Nobody_but_the_administrator_changes_pathways_or_follow_up_rules(string role)
    {
        env.ActAs(org.StaffMember(role, org.North));
        Denied(() => env.Service.Update(new Entity(CarePathwayTable.LogicalName, hip.Id) { [CarePathwayTable.Name] = "changed" }));
        Denied(() => env.Service.Create(new Entity(CarePathwayTable.LogicalName) { [CarePathwayTable.Name] = "new" }));
        var rule = env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpKind.AutomatedMessage, 60);
        Denied(() => env.Service.Update(new Entity(FollowUpRuleTable.LogicalName, rule) { [FollowUpRuleTable.OffsetMinutes] = 1 }));
        Denied(() => env.Service.Create(new Entity(FollowUpRuleTable.LogicalName)
        {
            [FollowUpRuleTable.Name] = "Rule", [FollowUpRuleTable.Trigger] = new OptionSetValue(Choices.FollowUpTrigger.Discharge),
            [FollowUpRuleTable.Type] = new OptionSetValue(Choices.FollowUpType.ExperienceSurvey), [FollowUpRuleTable.Kind] = new OptionSetValue(Choices.FollowUpKind.AutomatedMessage),
            [FollowUpRuleTable.OffsetMinutes] = 60,
        }));
        Assert.Equal("Hip replacement", env.Retrieve(CarePathwayTable.LogicalName, hip.Id).GetAttributeValue<string>(CarePathwayTable.Name));
    }
}

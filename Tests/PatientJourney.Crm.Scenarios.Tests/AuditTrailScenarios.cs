using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// The audit trail of the app's paths, as the people who take them: who changed what, old and new values, nothing kept
/// from a refused request, and the history read back through RetrieveRecordChangeHistory with field security applied.
/// Stage visits are written in the care coordinator's context (the plug-ins' user service), not as SYSTEM: the event
/// log's integrity rests on auditing every change of it with the user, and on no role deleting it.
/// </summary>
public class AuditTrailScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Pathway hip;
    private readonly Guid coordinator;

    public AuditTrailScenarios()
    {
        org = new Organisation(env);
        hip = env.CreateHipPathway();
        env.AddTransition(hip, "Referral", "Assessment");
        coordinator = org.StaffMember("Care coordinator", org.NorthClinic);
        env.ActAs(coordinator);
    }

    private static RetrieveRecordChangeHistoryRequest History(Guid visit) =>
        new() { Target = new EntityReference(JourneyStageHistoryTable.LogicalName, visit) };

    private static AuditDetailCollection HistoryAs(IOrganizationService service, Guid visit) =>
        ((RetrieveRecordChangeHistoryResponse)service.Execute(History(visit))).AuditDetailCollection;

    [Fact]
    public void Advancing_a_journey_is_audited_as_the_care_coordinator_with_old_and_new_stage()
    {
        var patient = env.CreatePatient();
        var journey = env.StartJourney(patient, hip, "Referral");
        env.MoveJourney(journey, hip, "Assessment", reason: CareData.ClinicalMarker);

        var history = env.Emulator.AuditHistory(JourneyTable.LogicalName, journey);
        Assert.Equal(AuditOperation.Create, history[0].Operation);
        // The stage change's touchpoint moves the journey's last-touchpoint time, a derived figure the plug-in keeps as
        // SYSTEM (README, "Appointments: who writes what"); every other change is the coordinator's.
        string[] derived = [JourneyTable.LastTouchpointOn, JourneyTable.TouchpointCount];
        bool Derived(AuditRecord r) => r.Operation == AuditOperation.Update && r.NewValues.Keys.All(derived.Contains);
        Assert.Equal(env.Emulator.SystemUserId, Assert.Single(history, Derived).UserId);
        Assert.All(history.Where(r => !Derived(r)), r => Assert.Equal(coordinator, r.UserId));
        var move = history.Single(r => r.Operation == AuditOperation.Update && r.NewValues.ContainsKey(JourneyTable.CurrentStageId));
        Assert.Equal(hip.Stages["Referral"], ((EntityReference)move.OldValues[JourneyTable.CurrentStageId]!).Id);
        Assert.Equal(hip.Stages["Assessment"], ((EntityReference)move.NewValues[JourneyTable.CurrentStageId]!).Id);
        Assert.All(env.StageVisits(journey), v => Assert.Contains(env.Emulator.AuditHistory(JourneyStageHistoryTable.LogicalName, v.Id), r => r.Operation == AuditOperation.Create && r.UserId == coordinator));
    }

    [Fact]
    public void Editing_the_event_log_is_audited_and_deleting_it_is_refused_leaving_no_audit_record()
    {
        var journey = env.StartJourney(env.CreatePatient(), hip, "Referral");
        var visit = Assert.Single(env.StageVisits(journey));
        env.Service.Update(new Entity(JourneyStageHistoryTable.LogicalName, visit.Id) { [JourneyStageHistoryTable.Reason] = "Changed afterwards" });

        var edit = env.Emulator.AuditHistory(JourneyStageHistoryTable.LogicalName, visit.Id).Last();
        Assert.Equal((AuditOperation.Update, coordinator), (edit.Operation, edit.UserId));
        Assert.Equal("Changed afterwards", edit.NewValues[JourneyStageHistoryTable.Reason]);

        var count = env.Emulator.AuditRecords.Count;
        var fault = Assert.Throws<DataverseFaultException>(() => env.Service.Delete(JourneyStageHistoryTable.LogicalName, visit.Id));
        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        Assert.Equal(count, env.Emulator.AuditRecords.Count);
    }

    [Fact]
    public void A_refused_request_leaves_no_audit_record()
    {
        var journey = env.StartJourney(env.CreatePatient(), hip, "Referral");
        var count = env.Emulator.AuditRecords.Count;
        // No transition leads from Referral to Surgery: the plug-in refuses and the request rolls back.
        Assert.Throws<DataverseFaultException>(() => env.MoveJourney(journey, hip, "Surgery"));
        Assert.Equal(count, env.Emulator.AuditRecords.Count);
    }

    [Fact]
    public void RetrieveRecordChangeHistory_needs_the_audit_history_privilege_and_hides_secured_columns()
    {
        var journey = env.StartJourney(env.CreatePatient(), hip, "Referral");
        env.MoveJourney(journey, hip, "Assessment", reason: CareData.ClinicalMarker);
        // The reason is recorded on the visit the move opens (a secured column).
        var visit = env.StageVisits(journey).Single(v => v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id == hip.Stages["Assessment"]).Id;

        var refused = Assert.Throws<DataverseFaultException>(() => env.Service.Execute(History(visit)));
        Assert.Equal(ErrorCodes.PrivilegeDenied, refused.ErrorCode);
        Assert.Contains("prvReadRecordAuditHistory", refused.Message, StringComparison.Ordinal);

        static IEnumerable<Entity> Values(AuditDetailCollection details) => details.AuditDetails.Cast<AttributeAuditDetail>().SelectMany(a => new[] { a.OldValue, a.NewValue });
        var admin = HistoryAs(env.Emulator.CreateOrganizationService(), visit);
        Assert.Contains(Values(admin), v => v.GetAttributeValue<string>(JourneyStageHistoryTable.Reason) == CareData.ClinicalMarker);

        var auditorRole = env.Emulator.AddRole(new SecurityRole("Auditor", [new("prvReadRecordAuditHistory", PrivilegeDepth.Organization), new("prvReadpj_JourneyStageHistory", PrivilegeDepth.Organization)]));
        var auditor = org.StaffMember(null, org.South, "Auditor");
        env.Emulator.CreateOrganizationService().Associate("systemuser", auditor, new Relationship("systemuserroles_association"), [new EntityReference("role", auditorRole)]);
        var seen = HistoryAs(env.Emulator.CreateOrganizationService(auditor), visit);
        Assert.Equal(admin.Count, seen.Count);
        Assert.Contains(Values(seen), v => v.Contains(JourneyStageHistoryTable.StageId));
        Assert.DoesNotContain(Values(seen), v => v.Contains(JourneyStageHistoryTable.Reason));
    }
}

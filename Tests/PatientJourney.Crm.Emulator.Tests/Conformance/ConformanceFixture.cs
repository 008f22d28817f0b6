using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// A table with a column of every kind the other emulators' suites query (text, whole number, decimal, float, money,
/// yes/no, date, choice, choices, lookup), filled with five referrals. Each conformance test starts from a fresh copy.
/// </summary>
public abstract class ConformanceFixture
{
    internal static SolutionSchema Schema { get; } = new SchemaBuilder()
        .Table("pj_carepathway", t => t.PrimaryName("pj_name"))
        .Table("pj_referral", t => t
            .PrimaryName("pj_name")
            .String("pj_code", 20)
            .Integer("pj_waitdays")
            .Decimal("pj_distance", 2)
            .Column("pj_risk", ColumnType.Double)
            .Column("pj_cost", ColumnType.Money)
            .Column("pj_urgent", ColumnType.Boolean)
            .Date("pj_receivedon", DateTimeBehavior.UserLocal)
            .Choice("pj_priority", (1, "Routine"), (2, "Urgent"), (3, "Emergency"))
            .MultiChoice("pj_needs", 1, 2, 3, 4)
            .Lookup("pj_pathwayid", "pj_carepathway")
            .Key("pj_referral_code", "pj_code"))
        .Table("pj_tag", t => t.PrimaryName("pj_name"))
        .OneToMany("pj_pathway_referral", "pj_carepathway", "pj_referral", "pj_pathwayid")
        .ManyToMany("pj_referral_tag", "pj_referral", "pj_tag")
        .Build();

    protected DataverseEmulator Emulator { get; } = new(Schema);

    protected IOrganizationService Service { get; }

    protected Guid Hip { get; }

    protected Guid Knee { get; }

    /// <summary>The emulator clock's start: Monday 2025-01-06 09:00 UTC (the default caller's zone).</summary>
    protected DateTime Now { get; }

    protected ConformanceFixture()
    {
        Service = Emulator.CreateOrganizationService();
        Now = Emulator.Clock.UtcNow;
        Hip = Service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Hip" });
        Knee = Service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Knee" });
        Referral("alpha", "A-1", waitDays: 3, distance: 1.5m, risk: 0.2, cost: 100m, urgent: true, received: Now.AddDays(-1), priority: 1, needs: [1, 2], pathway: Hip);
        Referral("beta", "B-2", waitDays: 10, distance: 12.25m, risk: 0.9, cost: 250m, urgent: false, received: Now.AddDays(-10), priority: 2, needs: [2], pathway: Knee);
        Referral("gamma", "C-3", waitDays: 10, distance: null, risk: 0.5, cost: null, urgent: false, received: Now.AddDays(-40), priority: 3, needs: [3, 4], pathway: Hip);
        Referral("delta", "D-4", waitDays: null, distance: 7m, risk: null, cost: 50m, urgent: null, received: null, priority: null, needs: null, pathway: null);
        Referral("Epsilon", null, waitDays: 1, distance: 2m, risk: 0.1, cost: 10m, urgent: true, received: Now.AddDays(2), priority: 1, needs: [1], pathway: Knee);
    }

    protected Guid Referral(string name, string? code, int? waitDays, decimal? distance, double? risk, decimal? cost, bool? urgent, DateTime? received, int? priority,
        int[]? needs, Guid? pathway)
    {
        var row = new Entity("pj_referral") { ["pj_name"] = name, ["pj_code"] = code, ["pj_waitdays"] = waitDays, ["pj_distance"] = distance, ["pj_risk"] = risk };
        if (cost != null) row["pj_cost"] = new Money(cost.Value);
        if (urgent != null) row["pj_urgent"] = urgent.Value;
        if (received != null) row["pj_receivedon"] = received.Value;
        if (priority != null) row["pj_priority"] = new OptionSetValue(priority.Value);
        if (needs != null) row["pj_needs"] = new OptionSetValueCollection(needs.Select(n => new OptionSetValue(n)).ToList());
        if (pathway != null) row["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway.Value);
        return Service.Create(row);
    }

    /// <summary>The names of the referrals a query returns, in the order returned.</summary>
    protected string[] Names(QueryExpression query) =>
        Service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).ToArray();

    /// <summary>The names, sorted, of the referrals one condition lets through.</summary>
    protected string[] Where(string attribute, ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("pj_referral") { ColumnSet = new ColumnSet("pj_name") };
        query.Criteria.AddCondition(attribute, op, values);
        return Names(query).Order(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    protected string[] Fetch(string fetchXml) =>
        Service.RetrieveMultiple(new FetchExpression(fetchXml)).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).ToArray();
}

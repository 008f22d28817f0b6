using System;
using System.Linq;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Query;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// Or filters of indexed Equal/In conditions read the union of the index hits instead of the table; one branch on a
/// column without an index makes the whole Or scan. The rows the query returns are the same either way.
/// </summary>
public sealed class OrFilterIndexTests : ConformanceFixture
{
    private Guid[]? Candidates(FilterExpression filter) => IndexedCandidates.Of(Emulator.Store, "pj_referral", filter)?.Select(r => r.Id).ToArray();

    private Guid[] Matching(FilterExpression filter) =>
        Service.RetrieveMultiple(new QueryExpression("pj_referral") { ColumnSet = new ColumnSet(false), Criteria = filter }).Entities.Select(e => e.Id).ToArray();

    private Guid[] ScanOrder(Func<Microsoft.Xrm.Sdk.Entity, bool> where) => Emulator.Rows("pj_referral").Where(where).Select(r => r.Id).ToArray();

    [Fact]
    public void An_or_of_indexed_conditions_reads_the_union_of_the_index_hits_in_scan_order()
    {
        var either = new FilterExpression(LogicalOperator.Or);
        either.AddCondition("pj_code", ConditionOperator.Equal, "B-2");
        either.AddCondition("pj_pathwayid", ConditionOperator.Equal, Hip);
        var expected = ScanOrder(r => r.GetAttributeValue<string>("pj_code") == "B-2" || r.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("pj_pathwayid")?.Id == Hip);
        Assert.Equal(3, expected.Length);
        Assert.Equal(expected, Candidates(either));
        Assert.Equal(expected, Matching(either));
    }

    [Fact]
    public void Nested_ands_inside_an_or_and_ors_inside_an_and_use_the_index()
    {
        var or = new FilterExpression(LogicalOperator.Or);
        var hipAndUrgent = or.AddFilter(LogicalOperator.And);
        hipAndUrgent.AddCondition("pj_pathwayid", ConditionOperator.Equal, Hip);
        hipAndUrgent.AddCondition("pj_urgent", ConditionOperator.Equal, true);
        or.AddCondition("pj_code", ConditionOperator.In, "D-4", "Z-9");
        // The candidates hold the Hip rows and D-4; the filter then keeps alpha (Hip and urgent) and delta.
        Assert.Equal(3, Candidates(or)!.Length);
        Assert.Equal(ScanOrder(r => r.GetAttributeValue<string>("pj_name") is "alpha" or "delta"), Matching(or));

        var and = new FilterExpression(LogicalOperator.And);
        and.AddCondition("pj_waitdays", ConditionOperator.GreaterThan, 0);
        and.AddFilter(or);
        Assert.Equal(3, Candidates(and)!.Length);
        Assert.Equal(ScanOrder(r => r.GetAttributeValue<string>("pj_name") == "alpha"), Matching(and));
    }

    [Fact]
    public void An_or_with_a_branch_no_index_covers_scans()
    {
        var either = new FilterExpression(LogicalOperator.Or);
        either.AddCondition("pj_pathwayid", ConditionOperator.Equal, Hip);
        either.AddCondition("pj_priority", ConditionOperator.Equal, 2);
        Assert.Null(Candidates(either));
        Assert.Equal(ScanOrder(r => r.GetAttributeValue<string>("pj_name") is "alpha" or "beta" or "gamma"), Matching(either));
        var withNull = new FilterExpression(LogicalOperator.Or);
        withNull.AddCondition("pj_pathwayid", ConditionOperator.Equal, Hip);
        withNull.AddCondition("pj_pathwayid", ConditionOperator.Null);
        Assert.Null(Candidates(withNull));
        Assert.Equal(3, Matching(withNull).Length);
    }
}

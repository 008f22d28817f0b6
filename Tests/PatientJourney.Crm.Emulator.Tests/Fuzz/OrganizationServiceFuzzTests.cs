using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CsCheck;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PatientJourney.Crm.Emulator.Tests.Fuzz;

/// <summary>
/// Malformed and hostile requests, tens of thousands per run, through the organisation service of an emulator with the
/// shipped solution imported: every one is answered with a platform fault or succeeds, never crashes, writes nothing when
/// refused, and no fault echoes the patient data it carried (<see cref="FuzzOrganisation.Send"/>).
/// Run sizes scale with <c>PJ_FUZZ_ITERATIONS</c> (<see cref="FuzzRuns"/>); each test prints its counts.
/// </summary>
public sealed class OrganizationServiceFuzzTests(ITestOutputHelper output)
{
    private readonly FuzzOrganisation organisation = new();

    private Hostile Hostile => new(organisation);

    /// <summary>The emulator is not thread-safe, so every property runs on one thread; shrinking replays from the seeded state.</summary>
    private void Run<T>(string property, Gen<T> requests, Action<T> send, long iterations, Func<T, string> print)
    {
        var slowest = new List<(double Ms, string Request)>();
        requests.Sample(r =>
        {
            var clock = Stopwatch.StartNew();
            organisation.Send(() => send(r));
            slowest.Add((clock.Elapsed.TotalMilliseconds, print(r)));
            if (slowest.Count > 5) slowest.Remove(slowest.MinBy(s => s.Ms));
        }, iter: FuzzRuns.Iterations(iterations), threads: 1, print: print, writeLine: output.WriteLine);
        output.WriteLine(organisation.Summary(property));
        foreach (var (ms, request) in slowest.OrderByDescending(s => s.Ms)) output.WriteLine($"  slowest: {ms:F0} ms {request[..Math.Min(request.Length, 300)]}");
        Assert.True(organisation.Refused > 0, "a hostile run where nothing was refused generated no hostile input");
    }

    private static string Describe(Entity entity) =>
        $"{entity.LogicalName ?? "(null)"} {{{string.Join(", ", entity.Attributes.Select(a => $"{a.Key}: {Describe(a.Value)}"))}}}";

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string[{s.Length}]",
        EntityReference r => $"ref({r.LogicalName ?? "null"}, {r.Id})",
        OptionSetValue o => $"option({o.Value})",
        Money m => $"money({m.Value})",
        _ => $"{value.GetType().Name}({value})",
    };

    [Fact]
    public void Creates_and_updates_with_hostile_columns_are_refused_with_platform_faults_and_write_nothing()
    {
        var hostile = Hostile;
        var requests = Gen.Select(hostile.AnyRow, Gen.Int[0, 3], Gen.OneOf(organisation.Existing.ToArray()), Gen.Guid,
            (row, kind, existing, id) => (row, kind, existing, id));

        Run("Create/Update", requests, r =>
        {
            switch (r.kind)
            {
                case 0:
                    organisation.Service.Create(r.row);
                    break;
                case 1:
                    r.row.Id = r.row.LogicalName == r.existing.LogicalName ? r.existing.Id : r.id;
                    organisation.Service.Update(r.row);
                    break;
                case 2:
                    // An update of an existing row of the table, whatever the attributes say.
                    var row = organisation.Existing.FirstOrDefault(e => e.LogicalName == r.row.LogicalName);
                    r.row.Id = row?.Id ?? r.id;
                    organisation.Service.Update(r.row);
                    break;
                default:
                    organisation.Service.Execute(new UpsertRequest { Target = r.row });
                    break;
            }
        }, 3000, r => $"{new[] { "Create", "Update", "Update existing", "Upsert" }[r.kind]} {Describe(r.row)}");
    }

    [Fact]
    public void Retrieves_and_deletes_of_unknown_tables_and_missing_rows_are_refused_with_platform_faults()
    {
        var hostile = Hostile;
        var target = Gen.Frequency(
            (3, Gen.OneOf(organisation.Existing.ToArray()).Select(r => (r.LogicalName, r.Id))),
            (2, Gen.Select(hostile.TableName, Gen.Guid, (t, id) => (t!, id))),
            (1, hostile.TableName.Select(t => (t!, Guid.Empty))));
        var columns = hostile.Table.SelectMany(t => hostile.ColumnName(t).Array[0, 4]).Select(names => new ColumnSet(names.Select(n => n!).ToArray()));
        var requests = Gen.Select(target, Gen.Frequency((3, columns), (1, Gen.Const((ColumnSet)null!)), (1, Gen.Const(new ColumnSet(true)))), Gen.Int[0, 4],
            (t, c, kind) => (table: t.Item1, id: t.Item2, columns: c, kind));

        Run("Retrieve/Delete", requests, r =>
        {
            switch (r.kind)
            {
                case 0 or 1:
                    organisation.Service.Retrieve(r.table, r.id, r.columns);
                    break;
                case 2:
                    organisation.Service.Execute(new RetrieveRequest { Target = new EntityReference(r.table, "pj_fhirid", FuzzOrganisation.PatientMarker), ColumnSet = r.columns });
                    break;
                case 3:
                    organisation.Service.Delete(r.table, r.id);
                    break;
                default:
                    organisation.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference(r.table, r.id), State = new OptionSetValue(r.columns?.Columns.Count ?? -1), Status = new OptionSetValue(-1) });
                    break;
            }
        }, 3000, r => $"{r.kind} {r.table} {r.id} [{(r.columns == null ? "no column set" : string.Join(",", r.columns.Columns))}]");
    }

    [Fact]
    public void Malformed_queries_and_fetchxml_are_refused_with_platform_faults()
    {
        var queries = new HostileQueries(Hostile);
        Run("RetrieveMultiple", queries.Query, q => organisation.Service.RetrieveMultiple(q), 2000, q => q switch
        {
            FetchExpression f => $"fetch[{f.Query?.Length}] {f.Query?[..Math.Min(f.Query.Length, 600)]}",
            QueryExpression e => $"query {e.EntityName} conditions {e.Criteria?.Conditions.Count} filters {e.Criteria?.Filters.Count} links {e.LinkEntities.Count} " +
                string.Join(" ", e.Criteria?.Conditions.Select(c => $"{c.AttributeName} {c.Operator} [{string.Join(",", c.Values.Take(3).Select(Describe))}]") ?? []),
            QueryByAttribute a => $"by attribute {a.EntityName} {string.Join(",", a.Attributes)} = {string.Join(",", a.Values.Select(Describe))}",
            _ => q.GetType().Name,
        });
    }

    private static readonly Lazy<SolutionDefinition> solution = new(() => SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")));

    /// <summary>Names a request may carry that no shipped API declares, and platform parameter names in the wrong request.</summary>
    private static readonly string[] ForeignParameters = ["Target", "Targets", "Query", "ColumnSet", "Requests", "Settings", "EntityMoniker", "pj_extra", "", "journey", "JOURNEY"];

    private Gen<object?> RightTypeFor(CustomApiField field, Hostile hostile) => field.Type switch
    {
        CustomApiFieldType.EntityReference => Gen.Frequency(
            (2, Gen.OneOf([.. organisation.Existing.Where(e => e.LogicalName == field.EntityLogicalName).DefaultIfEmpty(new EntityReference(field.EntityLogicalName, Guid.NewGuid()))]).Select(r => (object?)r)),
            (1, hostile.Reference.Select(r => (object?)r))),
        CustomApiFieldType.Picklist => Gen.OneOf<object?>(Gen.Int.Select(i => (object?)new OptionSetValue(i)), Gen.Int[827410000, 827410009].Select(i => (object?)new OptionSetValue(i))),
        CustomApiFieldType.String => Hostile.Text.Select(s => (object?)s),
        CustomApiFieldType.Integer => Gen.OneOf<object?>(Gen.Int.Select(i => (object?)i), Gen.Int[-2, 600].Select(i => (object?)i)),
        CustomApiFieldType.Boolean => Gen.Bool.Select(b => (object?)b),
        CustomApiFieldType.DateTime => Gen.OneOf<object?>(DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Local), new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Unspecified)),
        _ => hostile.AnyValue,
    };

    [Fact]
    public void Custom_api_calls_with_missing_wrong_typed_and_extra_parameters_are_refused_with_platform_faults()
    {
        var hostile = Hostile;
        var apis = solution.Value.CustomApis.ToArray();
        Assert.NotEmpty(apis);
        var parameter = (CustomApiField field) => Gen.Frequency(
            (1, Gen.Const<(bool, object?)>((false, null))),
            (3, RightTypeFor(field, hostile).Select(v => (true, v))),
            (2, hostile.AnyValue.Select(v => (true, v))));
        var requests = Gen.OneOf(apis).SelectMany(api =>
            Gen.Select(
                api.RequestParameters.Select(f => parameter(f).Select(p => (f.UniqueName, p.Item1, p.Item2))).Aggregate(
                    Gen.Const(Array.Empty<(string, bool, object?)>()), (all, next) => Gen.Select(all, next, (a, n) => a.Append(n).ToArray())),
                Gen.Select(Gen.OneOf(ForeignParameters), hostile.AnyValue).Array[0, 2],
                Gen.Frequency((9, Gen.Const(api.UniqueName)), (1, Gen.OneOf("pj_advancejourney", "pj_Nothing", "", "Create", "ExecuteMultiple", "Assign", "Associate", "GrantAccess", "RetrievePrincipalAccess", "RetrieveRecordChangeHistory", "WhoAmI", "Upsert", "CreateMultiple"))),
                (declared, extra, name) =>
                {
                    var request = new OrganizationRequest(name);
                    foreach (var (key, given, value) in declared)
                    {
                        if (given) request[key] = value;
                    }
                    foreach (var (key, value) in extra) request[key] = value;
                    return request;
                }));

        Run("Execute", requests, r => organisation.Service.Execute(r), 4000,
            r => $"{r.RequestName} {{{string.Join(", ", r.Parameters.Select(p => $"{p.Key}: {Describe(p.Value)}"))}}}");
    }

    [Fact]
    public void Batches_of_hostile_requests_are_refused_whole_or_answered_per_request()
    {
        var hostile = Hostile;
        var inner = Gen.Select(hostile.AnyRow, Gen.Int[0, 3], Gen.Guid, (row, kind, id) => kind switch
        {
            0 => (OrganizationRequest)new CreateRequest { Target = row },
            1 => new UpdateRequest { Target = row },
            2 => new DeleteRequest { Target = new EntityReference(row.LogicalName, id) },
            _ => new OrganizationRequest("ExecuteMultiple") { ["Requests"] = new OrganizationRequestCollection { new CreateRequest { Target = row } } },
        });
        var requests = Gen.Select(inner.Array[0, 6], Gen.Int[0, 3], Gen.Bool, (items, shape, continueOnError) =>
        {
            var collection = new OrganizationRequestCollection();
            collection.AddRange(items);
            OrganizationRequest request = shape switch
            {
                0 => new ExecuteTransactionRequest { Requests = collection, ReturnResponses = continueOnError },
                1 => new ExecuteMultipleRequest { Requests = collection, Settings = new ExecuteMultipleSettings { ContinueOnError = continueOnError, ReturnResponses = true } },
                2 => new ExecuteMultipleRequest { Requests = collection },
                _ => new OrganizationRequest("ExecuteTransaction") { ["Requests"] = items },
            };
            return request;
        });

        Run("ExecuteMultiple/ExecuteTransaction", requests, r =>
        {
            var response = organisation.Service.Execute(r);
            // ExecuteMultiple answers each request; a refused item must carry a platform fault too.
            if (response is ExecuteMultipleResponse multiple)
            {
                foreach (var item in multiple.Responses.Where(i => i.Fault != null))
                {
                    Assert.Contains(item.Fault.ErrorCode, FuzzOrganisation.RefusalCodes);
                    Assert.DoesNotContain("Zebulon", item.Fault.Message, StringComparison.OrdinalIgnoreCase);
                }
            }
        }, 1500, r => $"{r.RequestName} {string.Join(" | ", (r.Parameters.TryGetValue("Requests", out var items) && items is OrganizationRequestCollection c ? c : []).Select(i => i.RequestName))}");
    }
}

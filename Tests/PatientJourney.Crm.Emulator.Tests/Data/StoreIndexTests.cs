using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Data;

/// <summary>
/// The store's indexes (alternate keys, lookups, primary keys): <see cref="DataStore.TryCandidateRows"/> and
/// <see cref="DataStore.WithValues"/> answer from the index alone, so every answer here proves the index was kept
/// equal to the rows through writes, rollbacks and restores.
/// </summary>
public sealed class StoreIndexTests
{
    private readonly DataStore store = new(new MetadataRegistry(TestSchema.Schema));
    private readonly Guid journeyA = Guid.NewGuid();
    private readonly Guid journeyB = Guid.NewGuid();

    private Entity Touchpoint(Guid journey, string name = "t") =>
        new("pj_touchpoint", Guid.NewGuid()) { ["pj_name"] = name, ["pj_journeyid"] = new EntityReference("pj_journey", journey) };

    private List<Guid> OfJourney(Guid journey) =>
        Candidates("pj_touchpoint", ("pj_journeyid", [journey]))!.Select(r => r.Id).ToList();

    private IEnumerable<Entity>? Candidates(string table, params (string Column, object?[] Values)[] conditions) =>
        store.TryCandidateRows(table, conditions.Select(c => (c.Column, (IReadOnlyCollection<object?>)c.Values)).ToList());

    private static Entity Moved(Entity row, Guid journey) => new(row.LogicalName, row.Id) { ["pj_name"] = row["pj_name"], ["pj_journeyid"] = new EntityReference("pj_journey", journey) };

    [Fact]
    public void A_lookup_index_follows_create_update_and_delete()
    {
        var (first, second, third) = (Touchpoint(journeyA), Touchpoint(journeyA), Touchpoint(journeyB));
        foreach (var row in new[] { first, second, third }) store.Insert(row);
        Assert.Equal([first.Id, second.Id], OfJourney(journeyA));

        store.Replace(Moved(second, journeyB));
        store.Remove("pj_touchpoint", first.Id);

        Assert.Empty(OfJourney(journeyA));
        Assert.Equal([second.Id, third.Id], OfJourney(journeyB));
    }

    [Fact]
    public void Rolling_back_to_a_savepoint_puts_the_index_back()
    {
        var (kept, moved, removed) = (Touchpoint(journeyA), Touchpoint(journeyA), Touchpoint(journeyA));
        foreach (var row in new[] { kept, moved, removed }) store.Insert(row);
        store.Commit();
        var savepoint = store.Savepoint();

        store.Insert(Touchpoint(journeyA));
        store.Replace(Moved(moved, journeyB));
        store.Remove("pj_touchpoint", removed.Id);
        store.RollbackTo(savepoint);

        Assert.Equal([kept.Id, moved.Id, removed.Id], OfJourney(journeyA));
        Assert.Empty(OfJourney(journeyB));
    }

    [Fact]
    public void Restoring_a_snapshot_rebuilds_the_index()
    {
        var before = Touchpoint(journeyA);
        store.Insert(before);
        var snapshot = store.Snapshot();
        store.Replace(Moved(before, journeyB));
        store.Insert(Touchpoint(journeyB));

        store.Restore(snapshot);

        Assert.Equal([before.Id], OfJourney(journeyA));
        Assert.Empty(OfJourney(journeyB));
    }

    [Fact]
    public void In_values_a_primary_key_and_an_id_as_text_are_answered_from_the_index_in_insertion_order()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Touchpoint(i % 2 == 0 ? journeyA : journeyB)).ToList();
        foreach (var row in rows) store.Insert(row);

        Assert.Equal(rows.Select(r => r.Id), Candidates("pj_touchpoint", ("pj_journeyid", [journeyB, journeyA.ToString()]))!.Select(r => r.Id));
        Assert.Equal([rows[3].Id], Candidates("pj_touchpoint", ("pj_touchpointid", [rows[3].Id, Guid.NewGuid()]))!.Select(r => r.Id));
    }

    [Fact]
    public void Columns_without_an_index_and_values_of_another_kind_are_left_to_the_scan()
    {
        store.Insert(Touchpoint(journeyA));

        Assert.Null(Candidates("pj_touchpoint", ("pj_sentiment", [3])));
        Assert.Null(Candidates("pj_touchpoint", ("pj_journeyid", [42])));
        Assert.Null(Candidates("pj_touchpoint", ("pj_journeyid", ["not an id"])));
    }

    [Fact]
    public void The_most_selective_index_answers_a_composite_key_whole_and_a_lookup_by_its_fewest_hits()
    {
        var schema = new SchemaBuilder()
            .Table("contact", t => t.String("pj_fhirsourcesystem", 100).String("pj_fhirid", 64).Key("pj_contact_fhirid", "pj_fhirsourcesystem", "pj_fhirid"), isCustom: false)
            .Table("pj_touchpoint", t => t.PrimaryName("pj_name").Lookup("pj_patientid", "contact").Lookup("pj_ownerpatientid", "contact"))
            .Build();
        var keyed = new DataStore(new MetadataRegistry(schema));
        var patients = Enumerable.Range(0, 3).Select(i => new Entity("contact", Guid.NewGuid()) { ["pj_fhirsourcesystem"] = "https://ehr", ["pj_fhirid"] = "p" + i }).ToList();
        foreach (var patient in patients) keyed.Insert(patient);
        var everyone = patients[0].Id;
        var touchpoints = Enumerable.Range(0, 3).Select(i => new Entity("pj_touchpoint", Guid.NewGuid())
        {
            ["pj_name"] = "t", ["pj_ownerpatientid"] = new EntityReference("contact", everyone), ["pj_patientid"] = new EntityReference("contact", patients[i].Id),
        }).ToList();
        foreach (var touchpoint in touchpoints) keyed.Insert(touchpoint);

        var byKey = keyed.TryCandidateRows("contact", [("pj_fhirsourcesystem", ["https://ehr"]), ("pj_fhirid", ["P2"])])!;
        var byLookups = keyed.TryCandidateRows("pj_touchpoint", [("pj_ownerpatientid", [everyone]), ("pj_patientid", [patients[1].Id])])!;

        Assert.Equal(patients[2].Id, Assert.Single(byKey).Id);
        Assert.Equal(touchpoints[1].Id, Assert.Single(byLookups).Id);
    }

    [Fact]
    public void An_alternate_key_matches_text_without_regard_to_case_as_SQL_Server_does()
    {
        var journey = new Entity("pj_journey", Guid.NewGuid()) { ["pj_name"] = "j", ["pj_externalkey"] = "EXT-1" };
        store.Insert(journey);

        Assert.Equal(journey.Id, Assert.Single(store.WithValues("pj_journey", ["pj_externalkey"], ["ext-1"])).Id);
        Assert.Empty(store.WithValues("pj_journey", ["pj_externalkey"], ["EXT-2"]));
    }
}

/// <summary>The indexes through the emulator: rollback of a failed transaction, queries on indexed columns, key faults.</summary>
public sealed class IndexedOperationTests
{
    private readonly DataverseEmulator emulator = NewEmulator();
    private IOrganizationService Service => emulator.CreateOrganizationService();

    private Guid KeyedJourney(string key)
    {
        var journey = Journey(Service.Patient());
        journey["pj_externalkey"] = key;
        return Service.Create(journey);
    }

    [Fact]
    public void A_failed_transaction_gives_back_the_keys_it_took_and_keeps_the_keys_it_moved()
    {
        var id = KeyedJourney("EXT-1");
        var patient = Service.Patient();
        var taken = Journey(patient);
        taken["pj_externalkey"] = "EXT-2";
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = taken },
            new UpdateRequest { Target = new Entity("pj_journey", id) { ["pj_externalkey"] = "EXT-3" } },
            new UpdateRequest { Target = new Entity("pj_journey", id) { ["pj_score"] = 1000 } }, // out of range: the transaction fails
        };

        Fault(() => Service.Execute(new ExecuteTransactionRequest { Requests = requests }));

        var again = Journey(patient);
        again["pj_externalkey"] = "EXT-2";
        Service.Create(again);
        Assert.Equal(id, Service.Retrieve("pj_journey", id, new ColumnSet(false)).Id);
        var byKey = (Entity)Service.Execute(new RetrieveRequest { Target = new EntityReference("pj_journey", "pj_externalkey", "EXT-1"), ColumnSet = new ColumnSet(false) }).Results["Entity"];
        Assert.Equal(id, byKey.Id);
        Assert.Equal(ErrorCodes.RecordNotFoundByEntityKey,
            Fault(() => Service.Execute(new RetrieveRequest { Target = new EntityReference("pj_journey", "pj_externalkey", "EXT-3"), ColumnSet = new ColumnSet(false) })).ErrorCode);
    }

    [Fact]
    public void Equal_and_In_on_a_lookup_find_the_rows_after_they_moved()
    {
        var (first, second) = (Service.NewJourney(), Service.NewJourney());
        var touchpoints = Enumerable.Range(0, 4).Select(i => Service.Create(new Entity("pj_touchpoint")
        {
            ["pj_name"] = "t" + i, ["pj_journeyid"] = new EntityReference("pj_journey", first), ["pj_sentiment"] = i,
        })).ToList();
        Service.Update(new Entity("pj_touchpoint", touchpoints[1]) { ["pj_journeyid"] = new EntityReference("pj_journey", second) });

        var equal = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        equal.Criteria.AddCondition("pj_journeyid", ConditionOperator.Equal, first);
        equal.Criteria.AddCondition("pj_sentiment", ConditionOperator.GreaterThan, 0);
        var within = new QueryExpression("pj_touchpoint") { ColumnSet = new ColumnSet("pj_name") };
        within.Criteria.AddCondition("pj_journeyid", ConditionOperator.In, first, second);

        Assert.Equal([touchpoints[2], touchpoints[3]], Service.RetrieveMultiple(equal).Entities.Select(e => e.Id));
        Assert.Equal(touchpoints, Service.RetrieveMultiple(within).Entities.Select(e => e.Id));
    }

    [Fact]
    public void A_duplicate_alternate_key_on_create_or_update_faults_with_DuplicateRecordEntityKey_without_the_value()
    {
        KeyedJourney("MRN-SECRET-1");
        var other = KeyedJourney("EXT-2");
        var clash = Journey(Service.Patient());
        clash["pj_externalkey"] = "mrn-secret-1";

        var onCreate = Fault(() => Service.Create(clash));
        var onUpdate = Fault(() => Service.Update(new Entity("pj_journey", other) { ["pj_externalkey"] = "MRN-SECRET-1" }));

        foreach (var fault in new[] { onCreate, onUpdate })
        {
            Assert.Equal(unchecked((int)0x80060892), fault.ErrorCode);
            Assert.Equal("Entity Key pj_journey_externalkey violated. A record with the same value for pj_externalkey already exists.", fault.Message);
        }
        Assert.Equal(2, emulator.Rows("pj_journey").Count);
    }

    [Fact]
    public void Update_retrieve_and_delete_by_a_key_that_matches_nothing_fault_with_RecordNotFoundByEntityKey()
    {
        KeyedJourney("EXT-1");
        var missing = new EntityReference("pj_journey", "pj_externalkey", "EXT-404");

        var faults = new[]
        {
            Fault(() => Service.Update(new Entity("pj_journey", "pj_externalkey", "EXT-404") { ["pj_score"] = 1 })),
            Fault(() => Service.Execute(new RetrieveRequest { Target = missing, ColumnSet = new ColumnSet(false) })),
            Fault(() => Service.Execute(new DeleteRequest { Target = missing })),
        };

        Assert.All(faults, f => Assert.Equal(unchecked((int)0x80060891), f.ErrorCode));
        Assert.All(faults, f => Assert.Equal("A record with the specified key values does not exist in pj_journey entity", f.Message));
    }

    [Fact]
    public void Upsert_by_a_key_that_matches_nothing_creates_the_row_with_the_key()
    {
        var response = (UpsertResponse)Service.Execute(new UpsertRequest
        {
            Target = new Entity("pj_journey", "pj_externalkey", "EXT-9") { ["pj_name"] = "j", ["pj_patientid"] = new EntityReference("contact", Service.Patient()) },
        });

        Assert.True(response.RecordCreated);
        Assert.Equal("EXT-9", Service.Retrieve("pj_journey", response.Target.Id, new ColumnSet("pj_externalkey"))["pj_externalkey"]);
    }
}

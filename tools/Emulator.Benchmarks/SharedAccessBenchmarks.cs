using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Benchmarks;

/// <summary>
/// Shared-access checks over many shares: 2,000 or 20,000 journeys each shared with five colleagues (10,000 or 100,000
/// principalobjectaccess rows), one of them also shared with a reader who holds Read at user depth only. Retrieve as the
/// reader is allowed by the share alone, so its cost is the share lookup; with the share rows indexed it stays flat as
/// shares grow.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SharedAccessBenchmarks
{
    private const int Colleagues = 5;

    private static readonly SolutionSchema Schema = new SchemaBuilder().Table("pj_journey", t => t.PrimaryName("pj_name")).Build();

    private IOrganizationService admin = null!;
    private IOrganizationService reader = null!;
    private Guid readerId;
    private Guid shared;

    [Params(2_000, 20_000)]
    public int Journeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var emulator = new DataverseEmulator(Schema);
        admin = emulator.CreateOrganizationService();
        var role = emulator.AddRole(new SecurityRole("Reader", [new KeyValuePair<string, PrivilegeDepth>("prvReadpj_journey", PrivilegeDepth.User)]));
        Guid User(string name)
        {
            var id = admin.Create(new Entity("systemuser") { ["firstname"] = name, ["lastname"] = "User", ["businessunitid"] = new EntityReference("businessunit", emulator.RootBusinessUnitId) });
            admin.Associate("systemuser", id, new Relationship("systemuserroles_association"), [new EntityReference("role", role)]);
            return id;
        }
        readerId = User("Reader");
        var colleagues = Enumerable.Range(0, Colleagues).Select(i => User("Colleague" + i)).ToList();
        for (var i = 0; i < Journeys; i++)
        {
            var journey = admin.Create(new Entity("pj_journey") { ["pj_name"] = "j" + i });
            foreach (var colleague in colleagues) Grant(journey, colleague);
            if (i == Journeys / 2) shared = journey;
        }
        Grant(shared, readerId);
        reader = emulator.CreateOrganizationService(readerId);
        emulator.ClearLog();
    }

    private void Grant(Guid journey, Guid user) => admin.Execute(new GrantAccessRequest
    {
        Target = new EntityReference("pj_journey", journey),
        PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", user), AccessMask = AccessRights.ReadAccess },
    });

    [Benchmark]
    public Entity RetrieveSharedRecordAsReader() => reader.Retrieve("pj_journey", shared, new ColumnSet("pj_name"));

    [Benchmark]
    public AccessRights RetrievePrincipalAccessOfReader() =>
        ((RetrievePrincipalAccessResponse)admin.Execute(new RetrievePrincipalAccessRequest
        {
            Target = new EntityReference("pj_journey", shared), Principal = new EntityReference("systemuser", readerId),
        })).AccessRights;
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Packer;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Fuzz;

/// <summary>
/// An organisation with the shipped managed zip imported and a little care data in it (a pathway with two stages and a
/// transition, a patient, a journey), against which the malformed-input properties run. Every request goes through
/// <see cref="Send"/>, which holds the properties: a request either succeeds or faults with one of the platform's codes;
/// never an unhandled exception or "An unexpected error occurred from ISV code"; a refused request writes nothing; and
/// no fault message carries the patient-data marker the request sent.
/// </summary>
public sealed class FuzzOrganisation
{
    /// <summary>Stands for patient data (a name, a note): it goes into values only, never into table or column names.</summary>
    public const string PatientMarker = "Zebulon Quartermaine 1953-04-17";

    private static readonly Lazy<SolutionPackage> package = new(() =>
        SolutionPackage.Read(ShippedPackage.Managed(RepoPaths.Root, RepoPaths.Configuration), typeof(PluginBase).Assembly));

    /// <summary>
    /// The Dataverse codes a refusal may carry (values from https://learn.microsoft.com/power-apps/developer/data-platform/org-service/web-service-error-codes).
    /// UnExpected 0x80040216 and IsvUnExpected 0x80040224 are not among them: they are what a crash looks like.
    /// </summary>
    public static readonly IReadOnlySet<int> RefusalCodes = new HashSet<int>
    {
        ErrorCodes.InvalidArgument, ErrorCodes.ObjectDoesNotExist, ErrorCodes.DuplicateRecord, ErrorCodes.DuplicateRecordEntityKey,
        ErrorCodes.RecordNotFoundByEntityKey, ErrorCodes.DateTimeOutOfRange, ErrorCodes.IsvAborted, ErrorCodes.QueryBuilderNoAttribute,
        ErrorCodes.SdkEntityDoesNotSupportMessage, ErrorCodes.PrivilegeDenied,
    };

    private readonly EmulatorSnapshot seeded;
    private readonly string[] tables;

    public FuzzOrganisation()
    {
        Emulator = DataverseEmulator.ImportSolution(package.Value);
        Service = Emulator.CreateOrganizationService();
        var pathway = Service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Hip replacement" });
        var referral = Service.Create(new Entity("pj_pathwaystage") { ["pj_name"] = "Referral", ["pj_sequence"] = 10, ["pj_targetdurationhours"] = 336, ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway) });
        var assessment = Service.Create(new Entity("pj_pathwaystage") { ["pj_name"] = "Assessment", ["pj_sequence"] = 20, ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway) });
        Service.Create(new Entity("pj_pathwaytransition")
        {
            ["pj_name"] = "Referral to assessment", ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway),
            ["pj_fromstageid"] = new EntityReference("pj_pathwaystage", referral), ["pj_tostageid"] = new EntityReference("pj_pathwaystage", assessment),
        });
        var patient = Service.Create(new Entity("contact") { ["firstname"] = "Zebulon", ["lastname"] = "Quartermaine" });
        Service.Create(new Entity("pj_journey") { ["pj_name"] = "Journey", ["pj_patientid"] = new EntityReference("contact", patient), ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway) });
        tables = Emulator.Metadata.Tables.Select(t => t.LogicalName).Order(StringComparer.Ordinal).ToArray();
        Existing = tables.SelectMany(t => Emulator.Rows(t).Select(r => new EntityReference(t, r.Id))).ToArray();
        Assert.Contains(Existing, r => r.LogicalName == "pj_journeystagehistory");
        Emulator.ClearLog();
        seeded = Emulator.Snapshot();
    }

    public DataverseEmulator Emulator { get; }

    public IOrganizationService Service { get; }

    /// <summary>Every row of the seeded organisation (platform rows such as the administrator and the root business unit included).</summary>
    public IReadOnlyList<EntityReference> Existing { get; }

    public int Accepted { get; private set; }

    public int Refused { get; private set; }

    /// <summary>Codes of the refusals seen, with their counts, for the run's summary.</summary>
    public SortedDictionary<string, int> RefusalsByCode { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends one request and holds the properties. An accepted request is allowed (a hostile value may happen to be
    /// valid); the organisation then returns to its seeded state so that every sample starts alike.
    /// </summary>
    public void Send(Action request)
    {
        Emulator.ClearLog();
        var before = RowCounts();
        try
        {
            request();
        }
        catch (DataverseFaultException fault)
        {
            Refused++;
            var code = $"0x{fault.ErrorCode:x8}";
            RefusalsByCode[code] = RefusalsByCode.GetValueOrDefault(code) + 1;
            Assert.True(RefusalCodes.Contains(fault.ErrorCode), $"Refused with {code}, not a refusal code: {fault.Message}\n{fault.InnerException}");
            Assert.DoesNotContain(ErrorCodes.IsvUnExpectedMessage, fault.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Zebulon", fault.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quartermaine", fault.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, RowCounts());
            Assert.All(Emulator.Requests, r => Assert.Empty(r.RowsWritten));
            return;
        }
        Accepted++;
        Emulator.Restore(seeded);
    }

    /// <summary>The summary line a run prints: how many requests, accepted and refused, by code.</summary>
    public string Summary(string property) =>
        $"{property}: {Accepted + Refused} requests, {Accepted} accepted, {Refused} refused ({string.Join(", ", RefusalsByCode.Select(p => $"{p.Key} x{p.Value}"))})";

    private string RowCounts() => string.Join(",", tables.Select(t => Emulator.Rows(t).Count));
}

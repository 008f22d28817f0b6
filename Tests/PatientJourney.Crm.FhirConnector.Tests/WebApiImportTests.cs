using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Hl7.Fhir.Model;
using Microsoft.Identity.Client;
using PatientJourney.Crm.DataverseWebApi;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.FhirConnector.WebApi;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>
/// The Web API writer against the emulator's Web API host (the shipped zip, https on 127.0.0.1), signed in with MSAL
/// client credentials at the host's local issuer: the same bundles give the same rows as the IOrganizationService path.
/// </summary>
public sealed class WebApiImportTests : IAsyncLifetime
{
    private readonly EmulatorEnvironment hosted = EmulatorEnvironment.FromZip(ShippedSolution.ManagedZip, typeof(PluginBase).Assembly);
    private WebApiHost host = null!;
    private DataverseWebApiClient client = null!;
    private ScenarioEnvironment env = null!;

    private WebApiOrganizationService writer = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        // Async jobs run when the scenario says, as in the IOrganizationService scenarios, so both paths see the same moments.
        hosted.Emulator.RunAsyncJobsAutomatically = false;
        env = new ScenarioEnvironment(hosted.Emulator);
        host = await Host(new HostOptions { Urls = "https://127.0.0.1:0" });
        client = Client(host, new ServiceProtectionRetryHandler());
        writer = new WebApiOrganizationService(client);
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await host.DisposeAsync();
        client.Dispose();
        env.NoPatientDataLeaked();
    }

    private async System.Threading.Tasks.Task<WebApiHost> Host(HostOptions options)
    {
        var started = new WebApiHost(options, hosted);
        await started.StartAsync();
        return started;
    }

    /// <summary>The tools' shared client, signed in with MSAL client credentials at the host's local issuer, trusting only the host's certificate.</summary>
    private static DataverseWebApiClient Client(WebApiHost host, ServiceProtectionRetryHandler retry)
    {
        var certificate = host.Certificate!;
        var transport = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
        var token = DataverseSignIn.ClientCredentials(new Uri(host.EnvironmentUrl), $"{host.Address}/{host.Issuer.TenantId}/",
            host.DefaultClient.ClientId, host.DefaultClient.ClientSecret, new TrustingFactory(new HttpClient(transport, disposeHandler: false)));
        return new DataverseWebApiClient(new Uri(host.EnvironmentUrl), token, transport, retry);
    }

    [Fact]
    public void The_EHR_day_over_the_Web_API_comes_out_as_through_IOrganizationService()
    {
        var direct = new ScenarioEnvironment();
        var expected = EhrDay.Run(direct, EhrDay.HipPathway(direct), direct.Service);

        var overWebApi = EhrDay.Run(env, EhrDay.HipPathway(env), writer);

        Assert.Equal(expected, overWebApi);
        Assert.Equal(0, client.Retried);
        direct.NoPatientDataLeaked();
    }

    [Fact]
    public void A_discharge_and_a_readmission_in_one_transaction_over_the_Web_API_move_the_journey_as_through_IOrganizationService()
    {
        var direct = new ScenarioEnvironment();
        var expected = EhrDay.DischargeAndReadmissionInOneBundle(direct, EhrDay.HipPathway(direct), direct.Service, "transaction");

        var overWebApi = EhrDay.DischargeAndReadmissionInOneBundle(env, EhrDay.HipPathway(env), writer, "transaction");

        Assert.Equal("Surgery,Recovery,Surgery", overWebApi.Visits);
        Assert.Equal(expected.Visits, overWebApi.Visits);
        Assert.Equal(expected.Statuses, overWebApi.Statuses);
        direct.NoPatientDataLeaked();
    }

    [Fact]
    public async System.Threading.Tasks.Task Through_a_throttled_host_every_429_is_waited_out_and_each_row_is_written_once()
    {
        // Five requests a second: the import's reads and writes run into the limit and are sent again after Retry-After.
        await using var throttled = await Host(new HostOptions { Urls = "https://127.0.0.1:0", RequestLimit = 5, RequestWindow = TimeSpan.FromSeconds(1) });
        using var retrying = Client(throttled, new ServiceProtectionRetryHandler());
        var importer = new BundleImporter(new WebApiOrganizationService(retrying), Settings);

        var response = importer.Import(Bundle("batch", Patient("p1", "MRN-1", env.Now), Patient("p2", "MRN-2", env.Now), Patient("p3", "MRN-3", env.Now)));

        Assert.True(Statuses(response).SequenceEqual(["201 Created", "201 Created", "201 Created"]), Issues(response));
        Assert.True(retrying.Retried > 0, "the request limit never answered 429");
        Assert.Equal(new[] { "p1", "p2", "p3" }, env.Emulator.Rows(ContactTable.LogicalName).Select(c => c.GetAttributeValue<string>(ContactTable.FhirId)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task An_import_still_throttled_after_its_retries_stops_with_the_service_protection_error_and_writes_nothing()
    {
        await using var throttled = await Host(new HostOptions { Urls = "https://127.0.0.1:0", RequestLimit = 2, RequestWindow = TimeSpan.FromSeconds(300) });
        var waits = new System.Collections.Generic.List<TimeSpan>();
        using var retrying = Client(throttled, new ServiceProtectionRetryHandler(wait: (span, _) => { waits.Add(span); return System.Threading.Tasks.Task.CompletedTask; }) { MaxRetries = 1 });
        var importer = new BundleImporter(new WebApiOrganizationService(retrying), Settings);
        const string patient = "urn:uuid:4f6a1c2e-0000-4000-8000-000000000001";

        var refused = Assert.Throws<DataverseWebApiException>(() => importer.Import(Bundle("transaction", Patient("p1", "MRN-1", fullUrl: patient), Appointment("a1", patient, env.Now.AddDays(2)))));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("0x80072322", refused.Error!.Code);
        Assert.Contains("still throttled after 1 retries", refused.Message, StringComparison.Ordinal);
        Assert.Single(waits);
        Assert.Empty(env.Emulator.Rows(ContactTable.LogicalName));
        Assert.Empty(env.Emulator.Rows(AppointmentTable.LogicalName));
    }

    [Fact]
    public void A_re_sent_patient_is_upserted_by_its_FHIR_key_and_an_unchanged_one_writes_nothing()
    {
        var importer = new BundleImporter(writer, Settings);
        var first = importer.Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))));
        var writes = env.Emulator.RowsWritten.Count;
        var again = importer.Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
        var newer = importer.Import(Bundle("batch", Patient("p1", "MRN-1", new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), family: "Newer")));

        Assert.Equal(new[] { "201 Created" }, Statuses(first));
        Assert.Equal(new[] { "200 OK" }, Statuses(again));
        Assert.True(Statuses(newer).SequenceEqual(["200 OK"]), Issues(newer));
        var contact = Assert.Single(env.Emulator.Rows(ContactTable.LogicalName));
        Assert.Equal("Newer", contact.GetAttributeValue<string>(ContactTable.LastName));
        Assert.Equal(new DateTime(1951, 3, 14), contact.GetAttributeValue<DateTime>(ContactTable.BirthDate).Date);
    }

    [Fact]
    public void A_transaction_with_a_refused_entry_writes_nothing_over_the_Web_API_and_names_the_entry()
    {
        const string patient = "urn:uuid:4f6a1c2e-0000-4000-8000-000000000001";
        var importer = new BundleImporter(writer, Settings);

        var response = importer.Import(Bundle("transaction", Patient("p1", "MRN-1", fullUrl: patient), Appointment("a1", patient, env.Now.AddDays(2)), Referral("r1", patient, "completed")));

        Assert.Equal(new[] { "409 Conflict", "409 Conflict", "422 Unprocessable Entity" }, Statuses(response));
        Assert.Equal(OperationOutcome.IssueType.BusinessRule, ((OperationOutcome)response.Entry[2].Response!.Outcome!).Issue.Single().Code);
        Assert.Empty(env.Emulator.Rows(ContactTable.LogicalName));
        Assert.Empty(env.Emulator.Rows(AppointmentTable.LogicalName));
    }

    [Fact]
    public void The_import_command_over_the_Web_API_reports_each_bundle_and_the_export_reads_back_as_through_IOrganizationService()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("pj-fhir-cli-").FullName;
        try
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "1-registration.json"), Bundle("transaction", Patient("p1", "MRN-1", env.Now), Appointment("a1", "Patient/p1", env.Now.AddDays(3), lastUpdated: env.Now)));
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "2-referral.json"), Bundle("batch", Referral("r1", "Patient/p1", lastUpdated: env.Now), Referral("r2", "Patient/nobody")));
            var output = new System.IO.StringWriter();

            var exit = Program.Import(folder, writer, Settings, null, output);

            Assert.Equal(1, exit);
            Assert.Contains("1-registration.json: 2 entries, 2 written or unchanged.", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("2-referral.json entry 1: 422 Unprocessable Entity: ServiceRequest.subject:", output.ToString(), StringComparison.Ordinal);
            env.Emulator.RunPendingAsyncJobs();
            string Exported(Microsoft.Xrm.Sdk.IOrganizationService service)
            {
                var bundle = new Export.JourneyExporter(service, Settings).Export("MRN-1");
                bundle.Timestamp = null;
                return Hl7.Fhir.Serialization.PocoSerializationExtensions.ToJson(bundle, false);
            }
            Assert.Equal(Exported(env.Service), Exported(writer));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>MSAL's HTTP client: the one trusting the host's start-up certificate.</summary>
    private sealed class TrustingFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}

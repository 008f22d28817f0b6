using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Hl7.Fhir.Model;
using Microsoft.Identity.Client;
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
    private HttpClient http = null!;
    private ScenarioEnvironment env = null!;

    private WebApiOrganizationService writer = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        // Async jobs run when the scenario says, as in the IOrganizationService scenarios, so both paths see the same moments.
        hosted.Emulator.RunAsyncJobsAutomatically = false;
        env = new ScenarioEnvironment(hosted.Emulator);
        host = new WebApiHost(new HostOptions { Urls = "https://127.0.0.1:0" }, hosted);
        await host.StartAsync();
        var certificate = host.Certificate!;
        http = Trusting(certificate);
        var token = DataverseSignIn.ClientCredentials(new Uri(host.EnvironmentUrl), $"{host.Address}/{host.Issuer.TenantId}/",
            host.DefaultClient.ClientId, host.DefaultClient.ClientSecret, new TrustingFactory(http));
        writer = new WebApiOrganizationService(http, new Uri(host.EnvironmentUrl), token);
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await host.DisposeAsync();
        http.Dispose();
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void The_EHR_day_over_the_Web_API_comes_out_as_through_IOrganizationService()
    {
        var direct = new ScenarioEnvironment();
        var expected = EhrDay.Run(direct, EhrDay.HipPathway(direct), direct.Service);

        var overWebApi = EhrDay.Run(env, EhrDay.HipPathway(env), writer);

        Assert.Equal(expected, overWebApi);
        Assert.Equal(0, writer.Throttled);
        direct.NoPatientDataLeaked();
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

    private static HttpClient Trusting(X509Certificate2 certificate) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
    });

    /// <summary>MSAL's HTTP client: the one trusting the host's start-up certificate.</summary>
    private sealed class TrustingFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}

extern alias plugins;

using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.JourneyMap.Input;
using PatientJourney.Crm.JourneyMap.Simulation;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// journey-map export against the emulator's Web API host (https, tokens from its local issuer through MSAL client
/// credentials, a request limit): a simulated organisation on the shipped managed zip is exported over HTTP, and the
/// files equal what the emulator holds, read through IOrganizationService and written by the same writer.
/// </summary>
public sealed class HostExportTests
{
    [Fact]
    public async Task A_simulated_organisation_exported_from_the_Web_API_host_equals_what_the_emulator_holds_and_429s_are_waited_out()
    {
        var environment = EmulatorEnvironment.FromZip(Exports.ShippedZip, typeof(plugins::PatientJourney.Crm.Plugins.Infrastructure.PluginBase).Assembly);
        var simulated = new OrganisationSimulation(environment.Emulator, SimulationParameters.Load(SimulationParameters.DefaultFile), seed: 3, reminders: true).Run(patients: 30, months: 3);
        var held = Held(environment.Emulator);
        // Few requests per second: the exporter (one metadata request and one page per table) runs into the limit.
        await using var host = new WebApiHost(new HostOptions { Urls = "https://127.0.0.1:0", RequestLimit = 4, RequestWindow = TimeSpan.FromSeconds(1) }, environment);
        await host.StartAsync();
        var registration = host.RegisterApplication(environment.Emulator.CallerId);
        using var trusting = TrustingHttpClientFactory.Client(host.Certificate!);
        var msal = ConfidentialClientApplicationBuilder.Create(registration.ClientId)
            .WithClientSecret(registration.ClientSecret)
            .WithAuthority($"{host.Address}/{host.Issuer.TenantId}/", validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new TrustingHttpClientFactory(trusting))
            .Build();

        var output = Exports.NewFolder("exported-from-host");
        var exporter = new WebApiExporter(trusting, new Uri(host.EnvironmentUrl),
            async cancel => (await msal.AcquireTokenForClient([host.EnvironmentUrl + "/.default"]).ExecuteAsync(cancel)).AccessToken);
        var counts = await exporter.ExportAsync(output);

        Assert.True(exporter.Throttled > 0, "the request limit never answered 429");
        Assert.True(counts[ExportTables.StageVisit.Name] > simulated.Journeys, "the export holds no stage moves");
        Assert.Equal(simulated.StageVisits, counts[ExportTables.StageVisit.Name]);
        // The exporter writes rows in the order the service pages them; the writer orders the log's rows by id.
        foreach (var table in ExportTables.All)
        {
            Assert.Equal(Lines(held, table), Lines(output, table));
        }
    }

    /// <summary>Every row of the export tables as the emulator stores it, written by the writer the exporter uses.</summary>
    private static string Held(DataverseEmulator emulator)
    {
        var folder = Exports.NewFolder("held");
        foreach (var table in ExportTables.All)
        {
            InterchangeWriter.Table(folder, table, emulator.Rows(table.Name).Select(row => table.Columns.Select((c, i) => Value(row, c, i)).ToArray()));
        }
        return folder;
    }

    private static object? Value(Entity row, ExportColumn column, int index) => row.GetAttributeValue<object>(column.Name) switch
    {
        _ when index == 0 => row.Id,
        EntityReference lookup => lookup.Id,
        OptionSetValue choice => choice.Value,
        // The Web API writes date-times to the second, as Dataverse stores them; the emulator keeps the clock's ticks.
        DateTime instant => new DateTime(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
        var value => value,
    };

    /// <summary>The header, then the rows in ordinal order.</summary>
    private static string[] Lines(string folder, ExportTable table)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, table.Name + ".csv"));
        return [lines[0], .. lines.Skip(1).Order(StringComparer.Ordinal)];
    }

    /// <summary>MSAL's and the exporter's HTTP client, trusting the host's start-up certificate (and nothing else) by thumbprint.</summary>
    private sealed class TrustingHttpClientFactory(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;

        public static HttpClient Client(X509Certificate2 certificate) => new(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        });
    }
}

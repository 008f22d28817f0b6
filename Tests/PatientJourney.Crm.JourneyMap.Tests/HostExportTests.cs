extern alias plugins;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.DataverseWebApi;
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
        var environment = Simulated(out var simulated);
        var held = Held(environment.Emulator);
        // Few requests per second: the exporter (one metadata request and one page per table) runs into the limit.
        await using var host = await Host(environment, limit: 4, window: TimeSpan.FromSeconds(1));
        using var client = Client(host, environment, new ServiceProtectionRetryHandler());

        var output = Exports.NewFolder("exported-from-host");
        var counts = await new WebApiExporter(client).ExportAsync(output);

        Assert.True(client.Retried > 0, "the request limit never answered 429");
        Assert.True(counts[ExportTables.StageVisit.Name] > simulated.Journeys, "the export holds no stage moves");
        Assert.Equal(simulated.StageVisits, counts[ExportTables.StageVisit.Name]);
        // The exporter writes rows in the order the service pages them; the writer orders the log's rows by id.
        foreach (var table in ExportTables.All)
        {
            Assert.Equal(Lines(held, table), Lines(output, table));
        }
    }

    [Fact]
    public async Task An_export_still_throttled_after_its_retries_fails_with_the_service_protection_error_and_writes_no_file()
    {
        var environment = Simulated(out _);
        // Two requests in five minutes: the third is refused with a Retry-After of about 300 s, every time.
        await using var host = await Host(environment, limit: 2, window: TimeSpan.FromSeconds(300));
        var waits = new List<TimeSpan>();
        var retry = new ServiceProtectionRetryHandler(wait: (span, _) => { waits.Add(span); return Task.CompletedTask; }) { MaxRetries = 2 };
        using var client = Client(host, environment, retry);
        var output = Path.Combine(Exports.NewFolder("throttled-out"), "export");

        var refused = await Assert.ThrowsAsync<DataverseWebApiException>(() => new WebApiExporter(client).ExportAsync(output));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("0x80072322", refused.Error!.Code);
        Assert.Contains("still throttled after 2 retries", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Number of requests exceeded the limit of 2 over time window of 300 seconds", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300)));
        Assert.False(Directory.Exists(output), "a throttled-out export left files behind");
    }

    private static EmulatorEnvironment Simulated(out SimulationResult simulated)
    {
        var environment = EmulatorEnvironment.FromZip(Exports.ShippedZip, typeof(plugins::PatientJourney.Crm.Plugins.Infrastructure.PluginBase).Assembly);
        simulated = new OrganisationSimulation(environment.Emulator, SimulationParameters.Load(SimulationParameters.DefaultFile), seed: 3, reminders: true).Run(patients: 30, months: 3);
        return environment;
    }

    private static async Task<WebApiHost> Host(EmulatorEnvironment environment, int limit, TimeSpan window)
    {
        var host = new WebApiHost(new HostOptions { Urls = "https://127.0.0.1:0", RequestLimit = limit, RequestWindow = window }, environment);
        await host.StartAsync();
        return host;
    }

    /// <summary>The shared client, signed in through MSAL client credentials at the host's local issuer, trusting the host's certificate.</summary>
    private static DataverseWebApiClient Client(WebApiHost host, EmulatorEnvironment environment, ServiceProtectionRetryHandler retry)
    {
        var registration = host.RegisterApplication(environment.Emulator.CallerId);
        var certificate = host.Certificate!;
        var transport = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
        var token = DataverseSignIn.ClientCredentials(new Uri(host.EnvironmentUrl), $"{host.Address}/{host.Issuer.TenantId}/",
            registration.ClientId, registration.ClientSecret, new MsalClients(new HttpClient(transport, disposeHandler: false)));
        return new DataverseWebApiClient(new Uri(host.EnvironmentUrl), token, transport, retry);
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

    /// <summary>MSAL's HTTP client: the one trusting the host's start-up certificate (and nothing else) by thumbprint.</summary>
    private sealed class MsalClients(HttpClient client) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => client;
    }
}

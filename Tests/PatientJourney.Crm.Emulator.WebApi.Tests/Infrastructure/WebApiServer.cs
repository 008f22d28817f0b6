using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;

/// <summary>
/// The Web API host on 127.0.0.1 with a free port, serving a fresh environment with the shipped managed zip imported
/// (<see cref="ShippedZip"/>) and the net10 build of the shipped plug-ins,
/// and an HttpClient signed in as the emulator's administrator (a token from the host's issuer).
/// </summary>
public sealed class WebApiServer : IAsyncDisposable
{
    public const string PatientFirstName = "Zebulon";
    public const string PatientLastName = "Quartermaine";

    private WebApiServer(WebApiHost host)
    {
        Host = host;
        Client = new HttpClient { BaseAddress = new Uri(host.ServiceRoot) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(host.Environment.Emulator.CallerId));
    }

    public WebApiHost Host { get; }

    public HttpClient Client { get; }

    public DataverseEmulator Emulator => Host.Environment.Emulator;

    /// <summary>Starts a host; <paramref name="configure"/> sets its options and may prepare the environment first.</summary>
    public static Task<WebApiServer> StartAsync(Action<HostOptions, EmulatorEnvironment>? configure = null) =>
        StartAsync(EmulatorEnvironment.FromZip(ShippedZip.Managed, typeof(PluginBase).Assembly), configure);

    public static async Task<WebApiServer> StartAsync(EmulatorEnvironment environment, Action<HostOptions, EmulatorEnvironment>? configure = null)
    {
        var options = new HostOptions();
        configure?.Invoke(options, environment);
        var host = new WebApiHost(options, environment);
        await host.StartAsync();
        return new WebApiServer(host);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, null, headers);

    public Task<HttpResponseMessage> PostAsync(string path, string json, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Post, path, json, headers);

    public Task<HttpResponseMessage> PatchAsync(string path, string json, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Patch, path, json, headers);

    /// <summary>Creates a row and returns its id, read from the OData-EntityId header.</summary>
    public async Task<Guid> CreateAsync(string entitySet, string json)
    {
        using var response = await PostAsync(entitySet, json);
        if ((int)response.StatusCode != 204) throw new InvalidOperationException($"Create on {entitySet} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return IdOf(response);
    }

    public static Guid IdOf(HttpResponseMessage response)
    {
        var location = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(location[(location.LastIndexOf('(') + 1)..^1]);
    }

    public Task<Guid> CreatePatientAsync(string? mrn = null) =>
        CreateAsync("contacts", JsonSerializer.Serialize(new { firstname = PatientFirstName, lastname = PatientLastName, pj_mrn = mrn }));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

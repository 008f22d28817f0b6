using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>An MSAL (Microsoft.Identity.Client) client-credentials client gets its token from the host and calls the Web API with it.</summary>
public sealed class MsalTests
{
    [Fact]
    public async Task A_confidential_client_signs_in_with_MSAL_and_calls_the_Web_API_as_its_application_user()
    {
        await using var server = await WebApiServer.StartAsync((options, _) => options.Urls = "https://127.0.0.1:0");
        var appUser = server.Host.Environment.CreateUser("Flow", "Connection");
        var registration = server.Host.RegisterApplication(appUser);
        var msal = ConfidentialClientApplicationBuilder.Create(registration.ClientId)
            .WithClientSecret(registration.ClientSecret)
            .WithAuthority($"{server.Host.Address}/{server.Host.Issuer.TenantId}/", validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new TrustingHttpClientFactory(server.Host.Certificate!))
            .Build();

        var result = await msal.AcquireTokenForClient([server.Host.EnvironmentUrl + "/.default"]).ExecuteAsync();
        using var client = TrustingHttpClientFactory.Client(server.Host.Certificate!);
        client.BaseAddress = new Uri(server.Host.ServiceRoot);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        using var whoAmI = await client.GetAsync("WhoAmI");

        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
        Assert.Equal(appUser, (await WebApiServer.JsonAsync(whoAmI)).GetProperty("UserId").GetGuid());
        Assert.StartsWith("https://", server.Host.ServiceRoot, StringComparison.Ordinal);
    }

    /// <summary>MSAL's HTTP client, trusting the host's start-up certificate (and nothing else) by thumbprint.</summary>
    private sealed class TrustingHttpClientFactory(X509Certificate2 certificate) : IMsalHttpClientFactory
    {
        private readonly HttpClient client = Client(certificate);

        public HttpClient GetHttpClient() => client;

        public static HttpClient Client(X509Certificate2 certificate) => new(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        });
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PatientJourney.Crm.FhirConnector.WebApi;

/// <summary>
/// Tokens for a Dataverse environment by MSAL client credentials (an app registration that is an application user of
/// the environment): scope <c>{environment}/.default</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth#connect-as-an-app).
/// </summary>
public static class DataverseSignIn
{
    /// <param name="authority">Microsoft Entra's authority for the tenant (https://login.microsoftonline.com/{tenant}), or a local issuer's.</param>
    /// <param name="httpClients">MSAL's HTTP client (null: its own), e.g. one trusting a local issuer's certificate.</param>
    public static Func<CancellationToken, Task<string>> ClientCredentials(Uri environment, string authority, string clientId, string clientSecret, IMsalHttpClientFactory? httpClients = null)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(clientId).WithClientSecret(clientSecret);
        builder = authority.StartsWith("https://login.microsoftonline.com/", StringComparison.OrdinalIgnoreCase)
            ? builder.WithAuthority(authority)
            : builder.WithAuthority(authority, validateAuthority: false).WithInstanceDiscovery(false);
        if (httpClients != null) builder = builder.WithHttpClientFactory(httpClients);
        var app = builder.Build();
        var scopes = new[] { environment.GetLeftPart(UriPartial.Authority) + "/.default" };
        // MSAL caches the token and renews it when it nears expiry.
        return async cancel => (await app.AcquireTokenForClient(scopes).ExecuteAsync(cancel)).AccessToken;
    }
}

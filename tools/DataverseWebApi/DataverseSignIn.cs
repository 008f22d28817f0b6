using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PatientJourney.Crm.DataverseWebApi;

/// <summary>
/// Access tokens for a Dataverse environment from MSAL, scope <c>{environment}/.default</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth): client credentials for an app
/// registration that is an application user of the environment, or a device code for a person signing in. MSAL keeps
/// the token in its cache and renews it as it nears expiry, so the returned function is called once per request.
/// </summary>
public static class DataverseSignIn
{
    /// <summary>Microsoft Entra's authority for a tenant (id or domain).</summary>
    public static string Authority(string tenant) => "https://login.microsoftonline.com/" + tenant;

    /// <param name="authority">Microsoft Entra's authority (<see cref="Authority"/>), or a local issuer's (the emulator's Web API host).</param>
    /// <param name="httpClients">MSAL's HTTP client (null: its own), e.g. one trusting a local issuer's certificate.</param>
    public static Func<CancellationToken, Task<string?>> ClientCredentials(Uri environment, string authority, string clientId, string clientSecret, IMsalHttpClientFactory? httpClients = null)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(clientId).WithClientSecret(clientSecret);
        builder = IsEntra(authority) ? builder.WithAuthority(authority) : builder.WithAuthority(authority, validateAuthority: false).WithInstanceDiscovery(false);
        if (httpClients != null) builder = builder.WithHttpClientFactory(httpClients);
        var app = builder.Build();
        var scopes = Scopes(environment);
        return async cancel => (await app.AcquireTokenForClient(scopes).ExecuteAsync(cancel).ConfigureAwait(false)).AccessToken;
    }

    /// <summary>
    /// A person signs in once with a device code (<paramref name="show"/> prints where and which code); later tokens come
    /// silently from MSAL's cache for that account.
    /// </summary>
    public static Func<CancellationToken, Task<string?>> DeviceCode(Uri environment, string authority, string clientId, Action<string> show)
    {
        var app = PublicClientApplicationBuilder.Create(clientId).WithAuthority(authority).WithDefaultRedirectUri().Build();
        var scopes = Scopes(environment);
        return async cancel =>
        {
            var account = (await app.GetAccountsAsync().ConfigureAwait(false)).FirstOrDefault();
            if (account != null)
            {
                try
                {
                    return (await app.AcquireTokenSilent(scopes, account).ExecuteAsync(cancel).ConfigureAwait(false)).AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // The cached sign-in expired or was revoked: ask for a new device code below.
                }
            }
            var signedIn = await app.AcquireTokenWithDeviceCode(scopes, code => { show(code.Message); return Task.CompletedTask; }).ExecuteAsync(cancel).ConfigureAwait(false);
            return signedIn.AccessToken;
        };
    }

    private static string[] Scopes(Uri environment) => [environment.GetLeftPart(UriPartial.Authority) + "/.default"];

    private static bool IsEntra(string authority) => authority.StartsWith("https://login.microsoftonline.com/", StringComparison.OrdinalIgnoreCase);
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using PatientJourney.Crm.Emulator.WebApi.Auth;
using PatientJourney.Crm.Emulator.WebApi.Handlers;
using PatientJourney.Crm.Emulator.WebApi.OData;

namespace PatientJourney.Crm.Emulator.WebApi.Hosting;

/// <summary>
/// The ASP.NET Core host: <c>/api/data/v9.2/</c> over the emulator, and the local issuer's endpoints
/// (<c>/{tenant}/oauth2/v2.0/token</c>, <c>/{tenant}/v2.0/.well-known/openid-configuration</c>, <c>/{tenant}/discovery/v2.0/keys</c>).
/// </summary>
public sealed class WebApiHost : IAsyncDisposable
{
    public const string ServicePath = "/api/data/v9.2/";

    private readonly WebApplication app;
    private readonly HostOptions options;
    private readonly ODataHandler handler;
    private readonly BatchHandler batch;
    private readonly RequestLimiter? limiter;

    public WebApiHost(HostOptions options, EmulatorEnvironment? environment = null)
    {
        this.options = options;
        Environment = environment ?? EmulatorEnvironment.Load(options.SolutionPath);
        Issuer = new TokenIssuer(Guid.NewGuid());
        handler = new ODataHandler(Environment);
        batch = new BatchHandler(Environment, handler);
        if (options.RequestLimit is { } limit) limiter = new RequestLimiter(limit, options.RequestWindow);

        // The emulator's administrator can sign in with client credentials out of the box.
        DefaultClient = new ClientApplication(Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), Guid.NewGuid());
        Issuer.Register(DefaultClient);
        Environment.MapPrincipal(DefaultClient.ObjectId, Environment.Emulator.CallerId);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        if (options.Urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            // MSAL accepts only https authorities, so the host can serve https with a certificate made at start-up.
            Certificate = SelfSignedCertificate();
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = Certificate));
        }
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = Issuer.SigningKey,
                ValidateIssuerSigningKey = true,
                IssuerValidator = (issuer, _, _) => issuer == Issuer.Issuer ? issuer : throw new SecurityTokenInvalidIssuerException("The token was not issued by this environment's issuer."),
                AudienceValidator = (audiences, _, _) => audiences.Any(a => a.TrimEnd('/') == EnvironmentUrl.TrimEnd('/')),
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.Zero,
            };
        });
        app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(OnStarted);
        MapIssuer();
        app.Map(ServicePath.TrimEnd('/') + "/{**path}", Serve);
        // Anything outside the service root and the issuer: the Web API's not-found error shape, not an empty 404.
        app.MapFallback(context => Write(context, ODataHandler.Error(WebApiError.ResourceNotFound(context.Request.Path.Value?.Trim('/').Split('/')[0] ?? ""))));
    }

    public EmulatorEnvironment Environment { get; }

    /// <summary>The certificate served on https addresses (made at start-up; clients trust it by thumbprint), or null.</summary>
    public X509Certificate2? Certificate { get; }

    public TokenIssuer Issuer { get; }

    /// <summary>An app registration mapped to the emulator's administrator (printed at start-up by the command).</summary>
    public ClientApplication DefaultClient { get; }

    /// <summary>The address the host listens on, e.g. http://127.0.0.1:5123 (known once started).</summary>
    public string Address { get; private set; } = "";

    /// <summary>The environment URL: the audience tokens must carry.</summary>
    public string EnvironmentUrl => options.EnvironmentUrl ?? Address;

    public string ServiceRoot => Address + ServicePath;

    public string TokenEndpoint => $"{Address}/{Issuer.TenantId}/oauth2/v2.0/token";

    public Task StartAsync(CancellationToken cancellationToken = default) => app.StartAsync(cancellationToken);

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Issuer.Dispose();
        Certificate?.Dispose();
    }

    /// <summary>Registers an application (client credentials) that signs in as <paramref name="systemUserId"/>.</summary>
    public ClientApplication RegisterApplication(Guid systemUserId)
    {
        var client = new ClientApplication(Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), Guid.NewGuid());
        Issuer.Register(client);
        Environment.MapPrincipal(client.ObjectId, systemUserId);
        return client;
    }

    /// <summary>A token for the environment as <paramref name="systemUserId"/> (a new directory object id mapped to it).</summary>
    public string TokenFor(Guid systemUserId, DateTime? expires = null, string? audience = null)
    {
        var objectId = Guid.NewGuid();
        Environment.MapPrincipal(objectId, systemUserId);
        return Issuer.Issue(objectId, audience ?? EnvironmentUrl, expires);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private void OnStarted()
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = addresses.First().TrimEnd('/');
        Issuer.HostUrl = Address;
    }

    private async Task Serve(HttpContext context)
    {
        var caller = await Caller(context);
        if (caller.Error != null)
        {
            await Write(context, caller.Error);
            return;
        }
        if (limiter?.TryAcquire(caller.UserId) is { } wait)
        {
            var throttled = ODataHandler.Error(new WebApiError(HttpStatusCode.TooManyRequests, RequestLimiter.NumberOfRequestsExceeded, limiter.Message))
                .With("Retry-After", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Write(context, throttled);
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = (string?)context.Request.RouteValues["path"] ?? "";
        if (path == "$batch" && context.Request.Method == "POST")
        {
            var (contentType, content) = batch.Handle(context.Request.ContentType, body.ToArray(), $"{context.Request.Scheme}://{context.Request.Host}", Headers(context.Request), caller.UserId);
            context.Response.StatusCode = 200;
            context.Response.ContentType = contentType;
            context.Response.Headers["OData-Version"] = "4.0";
            await context.Response.Body.WriteAsync(content);
            return;
        }
        var request = new WebApiRequest
        {
            Method = context.Request.Method, Path = path, Body = body.ToArray(), Headers = Headers(context.Request),
            Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            ServiceRoot = $"{context.Request.Scheme}://{context.Request.Host}{ServicePath}",
        };
        await Write(context, handler.Handle(request, caller.UserId));
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Who is calling: the systemuser the token's oid maps to. No valid token: 401 with the challenge Dataverse sends
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth#simple-connection);
    /// a valid token of someone who is not a user of the environment, or a disabled user: 403.
    /// </summary>
    private async Task<(Guid UserId, WebApiResponse? Error)> Caller(HttpContext context)
    {
        if (options.NoAuth) return (options.NoAuthUser ?? Environment.Emulator.CallerId, null);
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            var challenge = new WebApiResponse(401)
                .With("WWW-Authenticate", $"Bearer authorization_uri={Address}/{Issuer.TenantId}/oauth2/authorize, resource_id={EnvironmentUrl}/");
            return (Guid.Empty, challenge);
        }
        var oid = result.Principal!.FindFirst("oid")?.Value;
        if (!Guid.TryParse(oid, out var objectId) || Environment.UserOf(objectId) is not { } userId)
        {
            return (Guid.Empty, ODataHandler.Error(new WebApiError(HttpStatusCode.Forbidden, unchecked((int)0x80072560), "The user is not a member of the organization.")));
        }
        if (!Environment.IsEnabledUser(userId))
        {
            return (Guid.Empty, ODataHandler.Error(new WebApiError(HttpStatusCode.Forbidden, unchecked((int)0x80040225), "The specified user is either disabled or is not a member of any business unit.")));
        }
        return (userId, null);
    }

    private static async Task Write(HttpContext context, WebApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        if (response.Body != null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            await context.Response.Body.WriteAsync(response.BodyBytes);
        }
    }

    // ---- the local issuer ----

    private void MapIssuer()
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", Token);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer.Issuer,
            ["token_endpoint"] = TokenEndpoint,
            ["authorization_endpoint"] = $"{Address}/{Issuer.TenantId}/oauth2/v2.0/authorize",
            ["jwks_uri"] = $"{Address}/{Issuer.TenantId}/discovery/v2.0/keys",
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["tenant_region_scope"] = "NA",
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            var jwk = Issuer.PublicJwk();
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = jwk.Use, kid = jwk.Kid, alg = jwk.Alg, n = jwk.N, e = jwk.E } } });
        });
    }

    /// <summary>
    /// The client-credentials grant as Entra ID answers it (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
    /// scope <c>{resource}/.default</c>, the token's audience the resource; errors as <c>{"error":…,"error_description":…}</c>.
    /// </summary>
    private async Task<IResult> Token(HttpContext context, string tenant)
    {
        if (!context.Request.HasFormContentType) return TokenError("invalid_request", "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        var form = await context.Request.ReadFormAsync();
        if (tenant != Issuer.TenantId.ToString() && tenant != "organizations") return TokenError("invalid_tenant", $"AADSTS90002: Tenant '{tenant}' not found.");
        if (form["grant_type"] != "client_credentials") return TokenError("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type; this issuer grants client_credentials only.");
        var client = Issuer.Client(form["client_id"].ToString());
        if (client == null) return TokenError("unauthorized_client", "AADSTS700016: Application with the identifier given was not found in the directory.");
        if (form["client_secret"] != client.ClientSecret) return TokenError("invalid_client", "AADSTS7000215: Invalid client secret provided.", 401);
        var scope = form["scope"].ToString();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal)) return TokenError("invalid_scope", "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        var audience = scope[..^"/.default".Length];
        var token = Issuer.Issue(client.ObjectId, audience, appId: client.ClientId);
        var seconds = (int)Issuer.Lifetime.TotalSeconds;
        return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = seconds, ["ext_expires_in"] = seconds, ["access_token"] = token });
    }

    private static IResult TokenError(string error, string description, int status = 400) =>
        Results.Json(new Dictionary<string, object> { ["error"] = error, ["error_description"] = description, ["error_codes"] = new[] { int.Parse(description[6..description.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture) } }, statusCode: status);

    /// <summary>Prints how to reach the host: its service root and the default client's credentials (a local test secret).</summary>
    public void PrintWelcome(TextWriter output)
    {
        output.WriteLine($"Dataverse Web API emulator: {ServiceRoot}");
        if (options.NoAuth)
        {
            output.WriteLine($"--no-auth: requests run as systemuser {options.NoAuthUser ?? Environment.Emulator.CallerId}.");
            return;
        }
        output.WriteLine($"Token endpoint: {TokenEndpoint}  (client credentials; scope {EnvironmentUrl}/.default)");
        output.WriteLine($"Client id: {DefaultClient.ClientId}  secret: {DefaultClient.ClientSecret}  (signs in as the emulator's administrator)");
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PatientJourney.Crm.Emulator.WebApi.Auth;

/// <summary>An app registration of the local issuer: client credentials and the directory object id its tokens carry as oid.</summary>
public sealed record ClientApplication(string ClientId, string ClientSecret, Guid ObjectId);

/// <summary>
/// A local stand-in for Microsoft Entra ID: signs access tokens (RS256) with a key generated at start-up, for
/// issuer <c>{host}/{tenant}/v2.0</c>, with the audience a client asks for in its scope (<c>{environment URL}/.default</c>),
/// the principal's object id as <c>oid</c>, and an expiry. Nothing it issues is valid anywhere else.
/// </summary>
public sealed class TokenIssuer : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, ClientApplication> clients = new(StringComparer.Ordinal);

    public TokenIssuer(Guid tenantId)
    {
        TenantId = tenantId;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16] };
    }

    public Guid TenantId { get; }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>Set once the host knows the address it listens on.</summary>
    public string HostUrl { get; set; } = "http://localhost";

    public string Issuer => $"{HostUrl.TrimEnd('/')}/{TenantId}/v2.0";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public void Register(ClientApplication client) => clients[client.ClientId] = client;

    public ClientApplication? Client(string clientId) => clients.GetValueOrDefault(clientId);

    /// <summary>An access token for <paramref name="objectId"/>, valid for <paramref name="audience"/> until <paramref name="expires"/> (default: the lifetime from now).</summary>
    public string Issue(Guid objectId, string audience, DateTime? expires = null, string? appId = null)
    {
        var now = DateTime.UtcNow;
        var until = expires ?? now + Lifetime;
        var notBefore = until < now ? until.AddMinutes(-5) : now;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = objectId.ToString(),
            ["sub"] = objectId.ToString(),
            ["tid"] = TenantId.ToString(),
            ["ver"] = "2.0",
        };
        if (appId != null) claims["azp"] = appId;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, IssuedAt = notBefore, NotBefore = notBefore, Expires = until, Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The JSON Web Key Set a relying party validates tokens with (the public key only).</summary>
    public JsonWebKey PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        return jwk;
    }

    public void Dispose() => rsa.Dispose();
}

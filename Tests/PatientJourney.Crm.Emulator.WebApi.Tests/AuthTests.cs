using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>Bearer tokens from the local issuer: validated (signature, issuer, audience, expiry), the oid's user is the caller.</summary>
public sealed class AuthTests
{
    private static async Task<HttpResponseMessage> WhoAmI(WebApiServer server, string? token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.Host.ServiceRoot) };
        if (token != null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("WhoAmI");
    }

    private static async Task<HttpResponseMessage> RequestToken(WebApiServer server, string clientId, string secret, string scope)
    {
        using var client = new HttpClient();
        return await client.PostAsync(server.Host.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
    }

    [Fact]
    public async Task A_request_without_a_token_is_401_with_the_Bearer_challenge_and_writes_nothing()
    {
        await using var server = await WebApiServer.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Host.ServiceRoot) };

        using var response = await client.PostAsync("contacts", new StringContent("""{"lastname":"Quartermaine"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.NonValidated["WWW-Authenticate"].Single();
        Assert.StartsWith("Bearer authorization_uri=", challenge, StringComparison.Ordinal);
        Assert.Contains($"resource_id={server.Host.EnvironmentUrl}", challenge, StringComparison.Ordinal);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task Client_credentials_from_the_token_endpoint_sign_in_as_the_application_user()
    {
        await using var server = await WebApiServer.StartAsync();
        var appUser = server.Host.Environment.CreateUser("Integration", "App");
        var app = server.Host.RegisterApplication(appUser);

        using var tokenResponse = await RequestToken(server, app.ClientId, app.ClientSecret, server.Host.EnvironmentUrl + "/.default");
        var token = await WebApiServer.JsonAsync(tokenResponse);
        using var client = new HttpClient { BaseAddress = new Uri(server.Host.ServiceRoot) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        using var whoAmI = await client.GetAsync("WhoAmI");
        using var created = await client.PostAsync("contacts", new StringContent("""{"lastname":"Quartermaine"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.True(token.GetProperty("expires_in").GetInt32() > 0);
        Assert.Equal(appUser, (await WebApiServer.JsonAsync(whoAmI)).GetProperty("UserId").GetGuid());
        var row = server.Emulator.Rows("contact").Single(r => r.Id == WebApiServer.IdOf(created));
        Assert.Equal(appUser, row.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(appUser, row.GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_unknown_clients_wrong_secrets_and_scopes_without_default()
    {
        await using var server = await WebApiServer.StartAsync();
        var app = server.Host.DefaultClient;

        using var unknown = await RequestToken(server, Guid.NewGuid().ToString(), app.ClientSecret, server.Host.EnvironmentUrl + "/.default");
        using var wrongSecret = await RequestToken(server, app.ClientId, "not-the-secret", server.Host.EnvironmentUrl + "/.default");
        using var badScope = await RequestToken(server, app.ClientId, app.ClientSecret, server.Host.EnvironmentUrl + "/user_impersonation");

        Assert.Equal("unauthorized_client", (await WebApiServer.JsonAsync(unknown)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await WebApiServer.JsonAsync(wrongSecret)).GetProperty("error").GetString());
        Assert.Equal("invalid_scope", (await WebApiServer.JsonAsync(badScope)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Expired_tokens_tokens_for_another_audience_and_tokens_of_another_issuer_are_401()
    {
        await using var server = await WebApiServer.StartAsync();
        await using var other = await WebApiServer.StartAsync();
        var admin = server.Emulator.CallerId;
        var app = server.Host.DefaultClient;

        using var expired = await WhoAmI(server, server.Host.TokenFor(admin, expires: DateTime.UtcNow.AddMinutes(-1)));
        using var otherAudienceToken = await RequestToken(server, app.ClientId, app.ClientSecret, "https://contoso.crm.dynamics.com/.default");
        using var otherAudience = await WhoAmI(server, (await WebApiServer.JsonAsync(otherAudienceToken)).GetProperty("access_token").GetString());
        using var otherIssuer = await WhoAmI(server, other.Host.TokenFor(other.Emulator.CallerId, audience: server.Host.EnvironmentUrl));
        using var garbage = await WhoAmI(server, "not-a-token");
        using var valid = await WhoAmI(server, server.Host.TokenFor(admin));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherIssuer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_of_someone_who_is_not_a_user_of_the_environment_or_is_disabled_is_403()
    {
        await using var server = await WebApiServer.StartAsync();
        var disabled = server.Host.Environment.CreateUser("Former", "Employee");
        server.Emulator.CreateOrganizationService(server.Emulator.SystemUserId).Update(new Entity("systemuser", disabled) { ["isdisabled"] = true });

        using var stranger = await WhoAmI(server, server.Host.Issuer.Issue(Guid.NewGuid(), server.Host.EnvironmentUrl));
        using var former = await WhoAmI(server, server.Host.TokenFor(disabled));

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal("0x80072560", (await WebApiServer.JsonAsync(stranger)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, former.StatusCode);
    }

    [Fact]
    public async Task No_auth_accepts_requests_without_a_token_as_the_administrator_or_the_chosen_user()
    {
        var chosen = Guid.Empty;
        await using var asAdministrator = await WebApiServer.StartAsync((options, _) => options.NoAuth = true);
        await using var asChosen = await WebApiServer.StartAsync((options, environment) =>
        {
            chosen = environment.CreateUser("Front", "Desk");
            options.NoAuth = true;
            options.NoAuthUser = chosen;
        });

        using var administrator = await WhoAmI(asAdministrator, null);
        using var frontDesk = await WhoAmI(asChosen, null);

        Assert.Equal(asAdministrator.Emulator.CallerId, (await WebApiServer.JsonAsync(administrator)).GetProperty("UserId").GetGuid());
        Assert.Equal(chosen, (await WebApiServer.JsonAsync(frontDesk)).GetProperty("UserId").GetGuid());
    }

    [Fact]
    public async Task The_openid_configuration_names_the_token_endpoint_and_the_keys_verify_the_tokens()
    {
        await using var server = await WebApiServer.StartAsync();
        using var client = new HttpClient();

        var configuration = JsonDocument.Parse(await client.GetStringAsync($"{server.Host.Address}/{server.Host.Issuer.TenantId}/v2.0/.well-known/openid-configuration")).RootElement;
        var keys = JsonDocument.Parse(await client.GetStringAsync(configuration.GetProperty("jwks_uri").GetString())).RootElement.GetProperty("keys");
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(server.Host.TokenFor(server.Emulator.CallerId));

        Assert.Equal(server.Host.TokenEndpoint, configuration.GetProperty("token_endpoint").GetString());
        Assert.Equal(server.Host.Issuer.Issuer, configuration.GetProperty("issuer").GetString());
        Assert.Equal(token.Kid, keys[0].GetProperty("kid").GetString());
        Assert.Equal("RS256", token.Alg);
        Assert.False(keys[0].TryGetProperty("d", out _));
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>The host as a user starts it: its built program with <c>--solution</c> naming the shipped managed zip on disk.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task The_host_started_on_the_managed_zip_answers_a_request_signed_in_with_the_client_it_prints()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"pj-host-{Guid.NewGuid():N}_managed.zip");
        await File.WriteAllBytesAsync(zip, ShippedZip.Managed);
        var program = RepoPaths.BuiltAssembly(Path.Combine("tools", "Emulator.WebApi"), "PatientJourney.Crm.Emulator.WebApi", "net10.0");
        using var host = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { program, "--solution", zip, "--urls", "http://127.0.0.1:0" }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var welcome = await Welcome(host);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var tokenResponse = await http.PostAsync(welcome["Token endpoint"], new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = welcome["Client id"], ["client_secret"] = welcome["secret"], ["scope"] = welcome["scope"],
            }));
            Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
            var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

            using var request = new HttpRequestMessage(HttpMethod.Get, welcome["service root"] + "pj_carepathways?$select=pj_name");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);

            // The table exists only because the zip was imported; an empty organisation answers with an empty set.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, (await WebApiServer.JsonAsync(response)).GetProperty("value").GetArrayLength());
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            File.Delete(zip);
        }
        Assert.True(host.HasExited);
    }

    /// <summary>The welcome the host prints once it listens: its service root, token endpoint, scope and default client.</summary>
    private static async Task<Dictionary<string, string>> Welcome(Process host)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!found.ContainsKey("secret"))
        {
            var line = await host.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The host exited ({host.ExitCode}) before listening: {await host.StandardError.ReadToEndAsync()}");
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith("Dataverse Web API emulator: ", StringComparison.Ordinal)) found["service root"] = words[^1];
            if (line.StartsWith("Token endpoint: ", StringComparison.Ordinal))
            {
                found["Token endpoint"] = words[2];
                found["scope"] = words[Array.IndexOf(words, "scope") + 1].TrimEnd(')');
            }
            if (line.StartsWith("Client id: ", StringComparison.Ordinal))
            {
                found["Client id"] = words[2];
                found["secret"] = words[Array.IndexOf(words, "secret:") + 1];
            }
        }
        return found;
    }
}

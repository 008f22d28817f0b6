using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>What the command line starts: the solution from a zip file or from the source folder, and the options it reads.</summary>
public sealed class HostTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_solution_loads_from_a_managed_zip_file_or_the_source_folder_with_plugins_and_custom_APIs(bool zip)
    {
        var path = zip ? Path.Combine(Path.GetTempPath(), $"pj-{Guid.NewGuid():N}_managed.zip") : Path.Combine(RepoPaths.Root, "Solution");
        if (zip) await File.WriteAllBytesAsync(path, WebApiServer.ManagedZip.Value);
        try
        {
            await using var server = await WebApiServer.StartAsync(EmulatorEnvironment.Load(path));
            var care = await PathwaySetup.CreateAsync(server);
            var patient = await server.CreatePatientAsync();

            var journey = await server.CreateAsync("pj_journeys", care.JourneyJson(patient));
            using var timeline = await server.GetAsync($"pj_GetPatientTimeline(Patient=@p)?@p={Uri.EscapeDataString($"{{\"@odata.id\":\"contacts({patient})\"}}")}");

            Assert.Equal(care.FirstStageId, server.Emulator.Rows("pj_journey").Single(j => j.Id == journey).GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("pj_currentstageid").Id);
            Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
            Assert.NotEmpty(server.Emulator.Rows("environmentvariabledefinition"));
        }
        finally
        {
            if (zip) File.Delete(path);
        }
    }

    [Fact]
    public void The_command_line_options_are_read_and_unknown_ones_refused()
    {
        var user = Guid.NewGuid();

        var options = HostOptions.Parse(["--solution", "out/x_managed.zip", "--urls", "http://127.0.0.1:5555", "--no-auth", "--user", user.ToString(), "--request-limit", "10", "--request-window", "60"]);

        Assert.Equal("out/x_managed.zip", options.SolutionPath);
        Assert.Equal("http://127.0.0.1:5555", options.Urls);
        Assert.True(options.NoAuth);
        Assert.Equal(user, options.NoAuthUser);
        Assert.Equal(10, options.RequestLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestWindow);
        Assert.Throws<ArgumentException>(() => HostOptions.Parse(["--tls"]));
        Assert.Throws<ArgumentException>(() => HostOptions.Parse(["--user", "someone"]));
    }
}

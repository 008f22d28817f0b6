using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>What the command line starts: the options it reads.</summary>
public sealed class HostTests
{
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

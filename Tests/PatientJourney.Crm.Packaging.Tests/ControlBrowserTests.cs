using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>
/// The browser test of the two PCF controls (Solution/controls/browser-test/run.mjs: the built bundles in headless Debian
/// Chromium against recorded custom API responses), run from here so that `dotnet test` is the one test command.
/// Needs what build.ps1 does first: `npm ci && npm run build` in Solution/controls, and /usr/bin/chromium.
/// </summary>
public class ControlBrowserTests
{
    [Fact]
    public async Task The_journey_map_and_timeline_controls_pass_their_browser_test_in_headless_chromium()
    {
        var controls = Path.Combine(RepoPaths.Root, "Solution", "controls");
        Assert.True(Directory.Exists(Path.Combine(controls, "node_modules", "playwright-core")),
            "Solution/controls has no node_modules: run build.ps1 (it runs `npm ci && npm run build` there).");
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is needed: apt-get install -y chromium");

        var start = new ProcessStartInfo("node", "browser-test/run.mjs")
        {
            WorkingDirectory = controls, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();

        Assert.True(node.ExitCode == 0, $"The browser test failed (exit code {node.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}

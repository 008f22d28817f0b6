using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// journey-map.html opened in headless Chromium (Debian's chromium at /usr/bin/chromium, driven directly): no console
/// errors, the stage map has the log's nodes and edges, the page fetches nothing; a screenshot is kept under
/// test-output/ for a person to look at.
/// </summary>
public sealed class HtmlReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void The_report_opens_without_console_errors_and_draws_the_stage_map()
    {
        var report = Exports.Report(Exports.Csv(Logs.HandWorked(), "html"));
        var html = File.ReadAllText(report.HtmlPath);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);

        var (dom, log) = Open(report.HtmlPath, "--dump-dom");
        Assert.Empty(ConsoleErrors(log));
        var nodes = Regex.Matches(dom, "<g class=\"node\" data-stage-id=\"([0-9a-f-]+)\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.Equal(new[] { Logs.StageA, Logs.StageB, Logs.StageC }.ToHashSet(), nodes);
        var edges = Regex.Matches(dom, "<g class=\"edge( rework)?\" data-from=\"([0-9a-f-]+)\" data-to=\"([0-9a-f-]+)\"")
            .Select(m => (Guid.Parse(m.Groups[2].Value), Guid.Parse(m.Groups[3].Value), m.Groups[1].Success)).ToHashSet();
        Assert.Equal(new[] { (Logs.StageA, Logs.StageB, false), (Logs.StageB, Logs.StageA, true), (Logs.StageB, Logs.StageC, false) }.ToHashSet(), edges);
        Assert.Contains("Referral triage &gt; Surgery &gt; Referral triage", dom);

        // The issue's list, one section each: graph, variants, durations against targets, funnel, KPIs with numerator
        // and denominator, NPS and no-show trends by month, pain points by stage.
        foreach (var section in new[] { "kpis", "stage-map", "variants", "durations", "funnel", "trends", "pain-points" })
        {
            Assert.Matches($"<section id=\"{section}\"><h2>[^<]+</h2>", dom);
        }
        Assert.Matches(@"<small>No-show rate</small><b>[^<]+</b><small>1 of 3 appointments that came due</small>", dom);
        Assert.Contains("id=\"nps-trend\"", dom);
        Assert.Contains("id=\"no-show-trend\"", dom);
        // Readable printed in black and white: every colour the page names is a grey.
        var colours = Regex.Matches(html, "(?<!&)#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToList();
        Assert.NotEmpty(colours);
        Assert.All(colours, c => Assert.True(c.Length == 3 ? c[0] == c[1] && c[1] == c[2] : c[..2] == c[2..4] && c[2..4] == c[4..], $"#{c} is not a grey"));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "test-output", "journey-map.png");
        Open(report.HtmlPath, "--screenshot=" + screenshot, "--window-size=1280,2600");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was not written");
    }

    [Fact]
    public void The_console_error_check_catches_a_page_error()
    {
        var page = Path.Combine(Exports.NewFolder("broken"), "broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>");
        var (_, log) = Open(page, "--dump-dom");
        Assert.NotEmpty(ConsoleErrors(log));
    }

    private static string[] ConsoleErrors(string log) =>
        log.Split('\n').Where(l => l.Contains(":CONSOLE") || l.Contains("Uncaught")).ToArray();

    private static (string Output, string Log) Open(string page, params string[] arguments)
    {
        Assert.True(File.Exists(Chromium), "Chromium is needed: apt-get install -y chromium");
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--no-first-run",
                     "--user-data-dir=" + Exports.NewFolder("chromium-profile") }.Concat(arguments).Append(new Uri(page).AbsoluteUri))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "Chromium did not finish");
        return (output, error.Result);
    }
}

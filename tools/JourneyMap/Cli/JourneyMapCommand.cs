using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PatientJourney.Crm.DataverseWebApi;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Input;
using PatientJourney.Crm.JourneyMap.Report;
using Spectre.Console;

namespace PatientJourney.Crm.JourneyMap.Cli;

/// <summary>The journey-map command line. Exit codes: 0 done, 2 input to correct (the message says what), 1 failure.</summary>
public static class JourneyMapCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args)
    {
        var root = new RootCommand("journey-map: the patient journey map of a Dataverse export, computed with embedded DuckDB.");
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(ReportCommand());
        root.Subcommands.Add(SimulateCommand());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        return root.Parse(args).Invoke();
    }

    private static Command ReportCommand()
    {
        var input = new Option<string>("--input") { Description = "Folder of the export: <table>.csv, <table>.parquet, or the Synapse Link / Fabric Link folders with model.json.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write metrics.json and journey-map.html to.", Required = true };
        var pathway = new Option<string?>("--pathway") { Description = "Only this care pathway (its id or its name)." };
        var from = new Option<string?>("--from") { Description = "Start of the period (ISO 8601 UTC, inclusive)." };
        var to = new Option<string?>("--to") { Description = "End of the period (ISO 8601 UTC, exclusive)." };
        var asOf = new Option<string?>("--as-of") { Description = "The present for closed readmission windows and past-due follow-ups (default: --to, else the export's latest stage change)." };
        var top = new Option<int>("--top-variants") { Description = "How many variants to list.", DefaultValueFactory = _ => Domain.Analytics.MetricsFilter.DefaultTopVariants };
        var hours = new Option<string>("--business-hours") { Description = "The organisation's business hours (environment variable pj_BusinessHours).", DefaultValueFactory = _ => Domain.Calendar.BusinessCalendarSettings.DefaultHours };
        var holidays = new Option<string?>("--holidays") { Description = "Holidays, yyyy-MM-dd separated by commas (pj_Holidays)." };
        var timeZone = new Option<string>("--time-zone") { Description = "Time zone id of the business hours (pj_TimeZone).", DefaultValueFactory = _ => "UTC" };
        var command = new Command("report", "Compute the journey metrics of an export and write metrics.json and journey-map.html.")
        {
            input, output, pathway, from, to, asOf, top, hours, holidays, timeZone,
        };
        command.SetAction(parse => Guard(() =>
        {
            var options = new ReportOptions
            {
                Pathway = parse.GetValue(pathway),
                From = Instant(parse.GetValue(from), "--from"),
                To = Instant(parse.GetValue(to), "--to"),
                AsOf = Instant(parse.GetValue(asOf), "--as-of"),
                TopVariants = parse.GetValue(top),
                BusinessHours = parse.GetValue(hours)!,
                Holidays = parse.GetValue(holidays),
                TimeZone = FindTimeZone(parse.GetValue(timeZone)!),
            };
            var watch = Stopwatch.StartNew();
            ReportResult? result = null;
            AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                ProgressTask? current = null;
                result = ReportWriter.Write(parse.GetValue(input)!, parse.GetValue(output)!, options, step =>
                {
                    current?.StopTask();
                    current = context.AddTask(Markup.Escape(step), maxValue: 1);
                    current.IsIndeterminate = true;
                });
                current?.StopTask();
            });
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[green]Wrote[/] {0} and {1} ({2:N0} stage visits in {3:0.0} s).",
                Markup.Escape(result!.MetricsPath), Markup.Escape(result.HtmlPath), result.StageVisitsLoaded, watch.Elapsed.TotalSeconds);
        }));
        return command;
    }

    private static Command ExportCommand()
    {
        var url = new Option<string>("--url") { Description = "The environment, e.g. https://contoso.crm.dynamics.com.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write the interchange CSV files to.", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "Microsoft Entra tenant id or domain." };
        var clientId = new Option<string?>("--client-id") { Description = "Application (client) id of the app registration." };
        var authority = new Option<string?>("--authority") { Description = "The token authority (default https://login.microsoftonline.com/TENANT)." };
        var deviceCode = new Option<bool>("--device-code") { Description = "Sign in as a user with a device code instead of the client secret in PJ_CLIENT_SECRET." };
        var command = new Command("export", "Read the solution's tables from an environment over the Web API and write the interchange format.")
        {
            url, output, tenant, clientId, authority, deviceCode,
        };
        command.SetAction(parse => Guard(() =>
        {
            var environment = new Uri(parse.GetValue(url)!);
            var tokens = Tokens(environment, parse.GetValue(tenant), parse.GetValue(authority), parse.GetValue(clientId), parse.GetValue(deviceCode));
            // Signed in before the progress display starts, so a device code's instructions are not drawn over.
            tokens(CancellationToken.None).GetAwaiter().GetResult();
            using var client = new DataverseWebApiClient(environment, tokens);
            IReadOnlyDictionary<string, int>? counts = null;
            AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var tables = context.AddTask("tables", maxValue: ExportTables.All.Count);
                string? current = null;
                counts = new WebApiExporter(client).ExportAsync(parse.GetValue(output)!, (table, rows) =>
                {
                    if (current != null && current != table) tables.Increment(1);
                    current = table;
                    tables.Description = Markup.Escape(string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} rows", table, rows));
                }).GetAwaiter().GetResult();
                tables.Value = tables.MaxValue;
            });
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Exported {0:N0} rows of {1} tables ({2} requests throttled and retried) to {3}.",
                counts!.Values.Sum(), counts.Count, client.Retried, parse.GetValue(output)));
        }));
        return command;
    }

    /// <summary>MSAL tokens for the environment: client credentials (secret from PJ_CLIENT_SECRET, never on the command line) or device code.</summary>
    private static Func<CancellationToken, Task<string?>> Tokens(Uri environment, string? tenant, string? authority, string? clientId, bool deviceCode)
    {
        if (clientId is null || (tenant is null && authority is null)) throw new ArgumentException("--client-id and --tenant (or --authority) are needed to sign in to the environment.");
        var signIn = authority ?? DataverseSignIn.Authority(tenant!);
        if (deviceCode) return DataverseSignIn.DeviceCode(environment, signIn, clientId, Console.WriteLine);
        var secret = Environment.GetEnvironmentVariable("PJ_CLIENT_SECRET")
            ?? throw new ArgumentException("Set the app registration's client secret in the environment variable PJ_CLIENT_SECRET, or use --device-code.");
        return DataverseSignIn.ClientCredentials(environment, signIn, clientId, secret);
    }

    private static Command SimulateCommand()
    {
        var patients = new Option<int>("--patients") { Description = "Patients referred over the period.", DefaultValueFactory = _ => 200 };
        var months = new Option<int>("--months") { Description = "Months simulated.", DefaultValueFactory = _ => 6 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random choices: the same seed gives the same export.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder to write the interchange export to.", Required = true };
        var reminders = new Option<string>("--reminders") { Description = "on, or off for the counterfactual without appointment reminders.", DefaultValueFactory = _ => "on" };
        var parameters = new Option<string?>("--parameters") { Description = "The YAML file of rates (default: simulation.yaml beside the tool)." };
        var solution = new Option<string?>("--solution") { Description = "The managed solution zip to import (default: packed in-process from the repository the tool runs in)." };
        var report = new Option<string?>("--report") { Description = "Also write the journey map of the export to this folder." };
        var command = new Command("simulate", "Drive a synthetic organisation through the shipped solution on the emulator and export it in the interchange format.")
        {
            patients, months, seed, output, reminders, parameters, solution, report,
        };
        command.SetAction(parse => Guard(() =>
        {
            var remindersOn = parse.GetValue(reminders) switch
            {
                "on" => true,
                "off" => false,
                _ => throw new ArgumentException("--reminders must be on or off."),
            };
            var rates = Simulation.SimulationParameters.Load(parse.GetValue(parameters) ?? Simulation.SimulationParameters.DefaultFile);
            var zip = Simulation.OrganisationSimulation.LoadZip(parse.GetValue(solution));
            Console.WriteLine("Solution: " + zip.Origin);
            var simulation = new Simulation.OrganisationSimulation(Simulation.OrganisationSimulation.Read(zip.Bytes), rates, parse.GetValue(seed), remindersOn);
            var count = parse.GetValue(patients);
            Simulation.SimulationResult? result = null;
            AnsiConsole.Progress().AutoClear(false).Start(context =>
            {
                var task = context.AddTask("patients referred", maxValue: count);
                result = simulation.Run(count, parse.GetValue(months), done => task.Value = done);
                task.Value = count;
            });
            InterchangeWriter.Write(result!.Log, parse.GetValue(output)!);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Simulated {0:N0} patients ({1:N0} journeys, {2:N0} stage visits) through the plug-ins in {3:0.0} s: {4:0.0} patients/s. Export: {5}",
                result.Patients, result.Journeys, result.StageVisits, result.Seconds, result.Patients / result.Seconds, parse.GetValue(output)));
            if (parse.GetValue(report) is { } reportFolder)
            {
                var written = ReportWriter.Write(parse.GetValue(output)!, reportFolder, new ReportOptions());
                Console.WriteLine("Journey map: " + written.HtmlPath);
            }
        }));
        return command;
    }

    /// <summary>Runs a command body, turning input the user can correct into a message and exit code 2.</summary>
    public static int Guard(Action body)
    {
        try
        {
            body();
            return Done;
        }
        catch (Exception e) when (e is ExportInputException or BusinessRuleViolation or ArgumentException or Emulator.Import.SolutionImportException
            or DataverseWebApiException or Microsoft.Identity.Client.MsalException or System.Net.Http.HttpRequestException)
        {
            Console.Error.WriteLine("journey-map: " + e.Message);
            return BadInput;
        }
    }

    public static DateTime? Instant(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)) return value;
        throw new ArgumentException($"{option} is not a date-time: write it as ISO 8601 UTC, e.g. 2026-01-01 or 2026-01-01T00:00:00Z.");
    }

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"--time-zone: the time zone {id} is not known; use an id such as UTC, Europe/London or GMT Standard Time.");
        }
    }
}

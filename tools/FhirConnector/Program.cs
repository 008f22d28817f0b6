using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Hl7.Fhir.Serialization;
using PatientJourney.Crm.DataverseWebApi;
using PatientJourney.Crm.FhirConnector.Export;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.FhirConnector.Validation;
using PatientJourney.Crm.FhirConnector.WebApi;

namespace PatientJourney.Crm.FhirConnector;

/// <summary>fhir-connector: check FHIR R4 bundles, import them into the Patient Journey solution over the Dataverse Web API, export a patient's journey.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var file = new Argument<FileInfo>("file") { Description = "A FHIR R4 batch or transaction bundle (JSON)." };
        var validate = new Command("validate", "Checks a bundle without writing: exit code 0 when every entry is valid FHIR R4, 1 otherwise.") { file };
        validate.SetAction(result => Validate(result.GetValue(file)!, Console.Out));
        var root = new RootCommand("FHIR R4 connector for the Patient Journey solution") { validate, ImportCommand(), ExportCommand() };
        return root.Parse(args).Invoke();
    }

    /// <summary>The environment and the MSAL client-credentials sign-in, shared by import and export.</summary>
    private sealed class SignInOptions
    {
        public readonly Option<string> Url = new("--url") { Description = "The environment, e.g. https://contoso.crm.dynamics.com (or the emulator's Web API host).", Required = true };
        public readonly Option<string?> Tenant = new("--tenant") { Description = "Microsoft Entra tenant id or domain (or PJ_TENANT_ID)." };
        public readonly Option<string?> ClientId = new("--client-id") { Description = "Application (client) id of the app registration (or PJ_CLIENT_ID)." };
        public readonly Option<string?> ClientSecret = new("--client-secret") { Description = "The app registration's client secret; prefer the PJ_CLIENT_SECRET environment variable (a command line is visible to other processes)." };
        public readonly Option<string?> Authority = new("--authority") { Description = "The token authority (default https://login.microsoftonline.com/TENANT)." };
        public readonly Option<string> Source = new("--source-system") { Description = "The EHR's FHIR base URL, stored with every row's FHIR id.", Required = true };
        public readonly Option<string> Mrn = new("--mrn-system") { Description = "The identifier system of the organisation's medical record numbers.", Required = true };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Url, Tenant, ClientId, ClientSecret, Authority, Source, Mrn }) command.Options.Add(option);
        }

        public ConnectorSettings Settings(ParseResult parse) => new() { SourceSystem = parse.GetValue(Source)!, MrnSystem = parse.GetValue(Mrn)! };

        /// <summary>Runs <paramref name="run"/> with a Web API service signed in as the app registration; sign-in and Web API failures exit with code 2.</summary>
        public int Run(ParseResult parse, Func<IOrganizationService, int> run)
        {
            string Setting(Option<string?> option, string variable) => parse.GetValue(option) ?? Environment.GetEnvironmentVariable(variable)
                ?? throw new ArgumentException($"{option.Name} (or the environment variable {variable}) is needed to sign in to the environment.");
            try
            {
                var environment = new Uri(parse.GetValue(Url)!);
                var signIn = parse.GetValue(Authority) ?? DataverseSignIn.Authority(Setting(Tenant, "PJ_TENANT_ID"));
                var token = DataverseSignIn.ClientCredentials(environment, signIn, Setting(ClientId, "PJ_CLIENT_ID"), Setting(ClientSecret, "PJ_CLIENT_SECRET"));
                using var client = new DataverseWebApiClient(environment, token);
                return run(new WebApiOrganizationService(client));
            }
            catch (Exception e) when (e is ArgumentException or UriFormatException or HttpRequestException or Microsoft.Identity.Client.MsalException
                or WebApiFaultException or DataverseWebApiException or ExportRefusedException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }
    }

    private static Command ImportCommand()
    {
        var input = new Argument<string>("input") { Description = "A bundle (JSON), a folder of bundles (*.json), or a Bulk Data $export folder (*.ndjson)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file of a bulk ($export) import (default: .fhir-import-checkpoint.json in the folder)." };
        var signIn = new SignInOptions();
        var command = new Command("import", "Imports FHIR R4 bundles (or a Bulk Data export) into an environment over the Dataverse Web API.") { input, checkpoint };
        signIn.AddTo(command);
        command.SetAction(parse => signIn.Run(parse, service => Import(parse.GetValue(input)!, service, signIn.Settings(parse), parse.GetValue(checkpoint), Console.Out)));
        return command;
    }

    private static Command ExportCommand()
    {
        var patient = new Option<string>("--patient") { Description = "The patient's MRN.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write the bundle to (default: standard output)." };
        var signIn = new SignInOptions();
        var command = new Command("export", "Writes a patient's journey (Patient, ServiceRequest, EpisodeOfCare, Task, Communication) as a FHIR R4 collection bundle, validated first.") { patient, output };
        signIn.AddTo(command);
        command.SetAction(parse => signIn.Run(parse, service =>
        {
            var json = new JourneyExporter(service, signIn.Settings(parse)).Export(parse.GetValue(patient)!).ToJson(pretty: true);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, json);
            else Console.Out.WriteLine(json);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Imports a bundle, a folder of bundles or a Bulk Data export through <paramref name="service"/>; prints each
    /// entry that failed (its element and what to fix) and a summary. Exit code 0 when every entry was written or unchanged.
    /// </summary>
    public static int Import(string input, IOrganizationService service, ConnectorSettings settings, string? checkpoint, TextWriter output)
    {
        if (Directory.Exists(input) && Directory.EnumerateFiles(input, "*.ndjson").Any())
        {
            var bulk = new BulkImporter(service, settings).Run(input, checkpoint ?? Path.Combine(input, ".fhir-import-checkpoint.json"), progress: output.WriteLine);
            foreach (var failure in bulk.Failures) output.WriteLine(failure);
            output.WriteLine($"{bulk.Resources} resources, {bulk.Failed} failed, {bulk.ResourcesPerSecond:F0} resources/s.");
            return bulk.Failed == 0 ? 0 : 1;
        }
        var files = Directory.Exists(input) ? Directory.GetFiles(input, "*.json").Order(StringComparer.Ordinal).ToArray()
            : File.Exists(input) ? [input] : throw new ArgumentException($"{input}: no such file or folder.");
        var importer = new BundleImporter(service, settings);
        var failed = 0;
        foreach (var path in files)
        {
            var response = importer.Import(File.ReadAllText(path));
            for (var i = 0; i < response.Entry.Count; i++)
            {
                if (response.Entry[i].Response?.Outcome is not OperationOutcome outcome) continue;
                failed++;
                foreach (var issue in outcome.Issue)
                    output.WriteLine($"{Path.GetFileName(path)} entry {i}: {response.Entry[i].Response!.Status}: {string.Join(",", issue.Expression)}: {issue.Diagnostics}");
            }
            output.WriteLine($"{Path.GetFileName(path)}: {response.Entry.Count} entries, {response.Entry.Count(e => e.Response?.Outcome == null)} written or unchanged.");
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Prints each invalid entry's OperationOutcome issues with the element's path.</summary>
    public static int Validate(FileInfo file, TextWriter output)
    {
        if (!file.Exists)
        {
            output.WriteLine($"{file.FullName}: no such file.");
            return 2;
        }
        var parsed = new BundleValidator().Read(File.ReadAllText(file.FullName));
        foreach (var issue in parsed.BundleProblems?.Issue ?? [])
            output.WriteLine($"bundle: {string.Join(",", issue.Expression)}: {issue.Diagnostics}");
        foreach (var (index, outcome) in parsed.InvalidEntries.OrderBy(e => e.Key))
            foreach (var issue in outcome.Issue)
                output.WriteLine($"entry {index}: {string.Join(",", issue.Expression)}: {issue.Diagnostics}");
        output.WriteLine(parsed.IsValid
            ? $"{parsed.Bundle.Entry.Count} entries, all valid."
            : $"{parsed.Bundle.Entry.Count} entries, {parsed.InvalidEntries.Count} invalid.");
        return parsed.IsValid ? 0 : 1;
    }
}

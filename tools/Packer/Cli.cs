using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Constants;
using PatientJourney.Crm.Packer.Documentation;
using PatientJourney.Crm.Schema.Source;

namespace PatientJourney.Crm.Packer;

/// <summary>
/// pack [--configuration Release] [--root .] [--out out]   writes both solution zips (fails on any check error)
/// check &lt;zip&gt; [--root .]                                   runs every check the zip alone can decide
/// constants [--root .] [--verify]                           writes (or verifies) Domain/Generated/Schema.g.cs
/// roles [--root .] [--verify]                               writes (or verifies) the role matrix in README.md
/// </summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) return Usage(stderr);
        var options = Options(args.Skip(1));
        var root = Path.GetFullPath(options.GetValueOrDefault("root", "."));
        try
        {
            switch (args[0])
            {
                case "pack":
                    return Pack(root, options.GetValueOrDefault("configuration", "Release"), Path.Combine(root, options.GetValueOrDefault("out", "out")), stdout, stderr);
                case "check" when args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal):
                    return Report(ZipChecks.Run(File.ReadAllBytes(args[1]), XsdValidator.DefaultSchemaFolder(root)), args[1], stdout, stderr);
                case "constants":
                    return Constants(root, options.ContainsKey("verify"), stdout, stderr);
                case "roles":
                    return Roles(root, options.ContainsKey("verify"), stdout, stderr);
                default:
                    return Usage(stderr);
            }
        }
        catch (SolutionSourceException e)
        {
            stderr.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Usage(TextWriter stderr)
    {
        stderr.WriteLine("usage: PatientJourney.Crm.Packer pack [--configuration Release] [--root <repo>] [--out <folder>]");
        stderr.WriteLine("       PatientJourney.Crm.Packer check <solution.zip> [--root <repo>]");
        stderr.WriteLine("       PatientJourney.Crm.Packer constants [--root <repo>] [--verify]");
        stderr.WriteLine("       PatientJourney.Crm.Packer roles [--root <repo>] [--verify]");
        return 2;
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            result[list[i][2..]] = hasValue ? list[++i] : "";
        }
        return result;
    }

    private static int Pack(string root, string configuration, string outFolder, TextWriter stdout, TextWriter stderr)
    {
        PackResult result;
        try
        {
            result = ShippedPackage.Pack(root, configuration);
        }
        catch (ShippedPackageException e)
        {
            stderr.WriteLine(e.Message);
            return 1;
        }
        foreach (var f in result.Findings) (f.Severity == Severity.Error ? stderr : stdout).WriteLine(f);
        if (result.Findings.HasErrors()) return 1;
        Directory.CreateDirectory(outFolder);
        foreach (var (name, bytes) in result.Zips)
        {
            File.WriteAllBytes(Path.Combine(outFolder, name), bytes);
            stdout.WriteLine($"wrote {Path.Combine(outFolder, name)}");
        }
        return 0;
    }

    private static int Report(IReadOnlyList<Finding> findings, string subject, TextWriter stdout, TextWriter stderr)
    {
        foreach (var f in findings) (f.Severity == Severity.Error ? stderr : stdout).WriteLine(f);
        var errors = findings.Count(f => f.Severity == Severity.Error);
        stdout.WriteLine($"{subject}: {errors} error(s), {findings.Count - errors} warning(s)");
        return errors > 0 ? 1 : 0;
    }

    private static int Constants(string root, bool verify, TextWriter stdout, TextWriter stderr)
    {
        var solution = SolutionSource.Load(Path.Combine(root, "Solution"));
        var path = Path.Combine(root, ConstantsGenerator.RelativePath);
        var text = ConstantsGenerator.Generate(solution);
        if (verify)
        {
            if (File.Exists(path) && File.ReadAllText(path) == text) return 0;
            stderr.WriteLine($"error: {ConstantsGenerator.RelativePath} is stale; run: dotnet run --project tools/Packer -- constants");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        stdout.WriteLine($"wrote {path}");
        return 0;
    }

    private static int Roles(string root, bool verify, TextWriter stdout, TextWriter stderr)
    {
        var solution = SolutionSource.Load(Path.Combine(root, "Solution"));
        var path = Path.Combine(root, "README.md");
        var readme = File.ReadAllText(path);
        var updated = RoleMatrix.Replace(readme, RoleMatrix.Generate(solution));
        if (verify)
        {
            if (updated == readme) return 0;
            stderr.WriteLine("error: the role matrix in README.md is stale; run: dotnet run --project tools/Packer -- roles");
            return 1;
        }
        File.WriteAllText(path, updated);
        stdout.WriteLine($"wrote the role matrix in {path}");
        return 0;
    }
}

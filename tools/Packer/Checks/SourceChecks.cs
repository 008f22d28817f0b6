using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>The checks that fail the build, run on the source and the compiled registration before anything is written.</summary>
public static class SourceChecks
{
    public static IEnumerable<Finding> Run(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies) =>
        Steps(solution, assemblies).Concat(CustomApis(solution, assemblies)).Concat(Prefixes(solution)).Concat(Auditing(solution)).Concat(FieldSecurity(solution))
            .Concat(EmptyAssemblies(assemblies)).Concat(MessageAvailabilityCheck.Run(assemblies));

    private static Finding Error(string message) => new(Severity.Error, message);

    private static IEnumerable<Finding> EmptyAssemblies(IReadOnlyList<PluginAssemblyInfo> assemblies) =>
        assemblies.Where(a => a.Types.Count == 0).Select(a => new Finding(Severity.Warning, $"assembly {a.Name} has no plug-in or workflow-activity types yet; it is left out of the package"));

    public static IEnumerable<Finding> Steps(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies)
    {
        var steps = assemblies.SelectMany(a => a.Types).SelectMany(t => t.Steps).ToList();
        foreach (var step in steps)
        {
            // A step references its message by id only, and ids must never be invented.
            if (!SdkMessages.IsKnown(step.Message))
                yield return Error($"step {step.Description}: message '{step.Message}' has no sdkmessage id known to the packer, so the step cannot travel in the solution; add the id (from a real export) to SdkMessages");
            var table = solution.Schema.Table(step.PrimaryEntity);
            if (table == null && step.PrimaryEntity != "none")
                yield return Error($"step {step.Description}: table '{step.PrimaryEntity}' is not in the solution's schema");
            if (step.Message == "Update" && StepRegistration.SplitColumns(step.FilteringAttributes).Count == 0)
                yield return Error($"step {step.Description}: an Update step needs filtering attributes");
            if (table == null) continue;
            foreach (var (what, list) in new[] { ("filtering attribute", step.FilteringAttributes), ("pre-image column", step.PreImageAttributes), ("post-image column", step.PostImageAttributes) })
                foreach (var column in StepRegistration.SplitColumns(list).Where(c => table.Column(c) == null))
                    yield return Error($"step {step.Description}: {what} '{column}' is not a column of {table.LogicalName}");
            if (step.PreImageAlias != null && StepRegistration.SplitColumns(step.PreImageAttributes).Count == 0)
                yield return Error($"step {step.Description}: pre-image '{step.PreImageAlias}' must name its columns (never all columns)");
            if (step.PostImageAlias != null && StepRegistration.SplitColumns(step.PostImageAttributes).Count == 0)
                yield return Error($"step {step.Description}: post-image '{step.PostImageAlias}' must name its columns (never all columns)");
        }
        foreach (var dup in steps.GroupBy(s => s.Description).Where(g => g.Count() > 1))
            yield return Error($"duplicate step: {dup.Key} is registered {dup.Count()} times");
        // Bulk logic belongs on CreateMultiple/UpdateMultiple only: registering both fires it twice for single rows.
        foreach (var s in steps.Where(s => s.Message is "Create" or "Update"))
            if (steps.Any(m => m.PluginType == s.PluginType && m.PrimaryEntity == s.PrimaryEntity && m.Message == s.Message + "Multiple"))
                yield return Error($"step {s.Description}: {s.PluginType} is registered on both {s.Message} and {s.Message}Multiple of {s.PrimaryEntity}");
    }

    public static IEnumerable<Finding> CustomApis(SolutionDefinition solution, IReadOnlyList<PluginAssemblyInfo> assemblies)
    {
        var types = assemblies.SelectMany(a => a.Types).Where(t => !t.IsWorkflowActivity).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var api in solution.CustomApis)
        {
            var exists = types.Contains(api.PluginType);
            if (!exists && !api.HandlerPending)
                yield return Error($"custom API {api.UniqueName}: plug-in type {api.PluginType} does not exist in the shipped assemblies");
            else if (exists && api.HandlerPending)
                yield return Error($"custom API {api.UniqueName}: plug-in type {api.PluginType} exists now; remove handlerPending so the API is linked to it");
            else if (!exists)
                yield return new Finding(Severity.Warning, $"custom API {api.UniqueName}: handler {api.PluginType} is pending; the API ships without a plug-in link");
        }
    }

    public static IEnumerable<Finding> Prefixes(SolutionDefinition solution)
    {
        var prefix = solution.Publisher.Prefix + "_";
        bool Ok(string name) => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        foreach (var t in solution.Schema.Tables)
        {
            if (t.IsCustom && !Ok(t.LogicalName)) yield return Error($"table {t.LogicalName} lacks the publisher prefix '{prefix}'");
            foreach (var c in t.Columns.Where(c => c.IsCustom && !Ok(c.LogicalName))) yield return Error($"column {t.LogicalName}.{c.LogicalName} lacks the publisher prefix '{prefix}'");
            foreach (var k in t.Keys.Where(k => !Ok(k.LogicalName))) yield return Error($"key {t.LogicalName}.{k.LogicalName} lacks the publisher prefix '{prefix}'");
        }
        foreach (var r in solution.Schema.Relationships.Where(r => !Ok(r.SchemaName))) yield return Error($"relationship {r.SchemaName} lacks the publisher prefix '{prefix}'");
        foreach (var c in solution.Schema.GlobalChoices.Where(c => !Ok(c.Name))) yield return Error($"choice {c.Name} lacks the publisher prefix '{prefix}'");
        foreach (var a in solution.CustomApis.Where(a => !Ok(a.UniqueName))) yield return Error($"custom API {a.UniqueName} lacks the publisher prefix '{prefix}'");
        foreach (var v in solution.EnvironmentVariables.Where(v => !Ok(v.SchemaName))) yield return Error($"environment variable {v.SchemaName} lacks the publisher prefix '{prefix}'");
        if (solution.App != null && !Ok(solution.App.UniqueName)) yield return Error($"app {solution.App.UniqueName} lacks the publisher prefix '{prefix}'");
    }

    public static IEnumerable<Finding> Auditing(SolutionDefinition solution)
    {
        foreach (var t in solution.Schema.Tables)
        {
            var sensitive = t.Columns.Where(c => c.IsCustom && c.Classification != DataClassification.Operational).ToList();
            foreach (var c in sensitive.Where(c => !c.IsAudited))
                yield return Error($"column {t.LogicalName}.{c.LogicalName} is {c.Classification} but not audited");
            if (sensitive.Count > 0 && !t.IsAudited)
                yield return Error($"table {t.LogicalName} holds patient data but auditing is off for it");
        }
    }

    public static IEnumerable<Finding> FieldSecurity(SolutionDefinition solution)
    {
        var guarded = solution.FieldSecurityProfiles.SelectMany(p => p.Permissions).Select(p => (p.Table, p.Column)).ToHashSet();
        foreach (var t in solution.Schema.Tables)
            foreach (var c in t.Columns.Where(c => c.Classification == DataClassification.ClinicalFreeText && !guarded.Contains((t.LogicalName, c.LogicalName))))
                yield return Error($"column {t.LogicalName}.{c.LogicalName} is clinical free text but outside every field security profile");
    }
}

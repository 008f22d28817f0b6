using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// What a solution may do to a platform (system) table - any table outside its publisher prefix - decided on the
/// written customizations.xml: it extends the table but never renames it, and the forms its app lists for the table
/// hold the columns the platform requires.
/// </summary>
public static class SystemTableChecks
{
    /// <summary>
    /// Columns whose RequiredLevel is ApplicationRequired in the table's reference: a form without them cannot save a
    /// new row. learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact (LastName) and
    /// .../entities/appointment (Subject, ScheduledStart, ScheduledEnd).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredColumns = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["contact"] = ["lastname"],
        ["appointment"] = ["subject", "scheduledstart", "scheduledend"],
    };

    /// <summary>The only children of a system table's &lt;entity&gt; a shell carries (real exports of contact and appointment shells).</summary>
    private static readonly HashSet<string> ShellChildren = new(StringComparer.Ordinal) { "attributes", "EntityKeys" };

    public static IEnumerable<Finding> Run(XElement customizations, string prefix) =>
        Shells(customizations, prefix).Concat(AppForms(customizations, prefix));

    private static bool IsSystemTable(string logicalName, string prefix) => !logicalName.StartsWith(prefix + "_", StringComparison.Ordinal);

    private static IEnumerable<XElement> SystemEntities(XElement customizations, string prefix) =>
        customizations.Elements("Entities").Elements("Entity").Where(e => IsSystemTable(e.Element("Name")!.Value.ToLowerInvariant(), prefix));

    /// <summary>The elements by which an entity in a package names and describes the table.</summary>
    private static readonly HashSet<string> NameElements = new(StringComparer.Ordinal) { "LocalizedNames", "LocalizedCollectionNames", "Descriptions" };

    public static IEnumerable<Finding> Shells(XElement customizations, string prefix)
    {
        foreach (var entity in SystemEntities(customizations, prefix))
        {
            var table = entity.Element("Name")!.Value.ToLowerInvariant();
            var extra = entity.Element("EntityInfo")?.Element("entity")?.Elements().Select(c => c.Name.LocalName).Where(n => !ShellChildren.Contains(n)).ToList() ?? [];
            var names = extra.Where(NameElements.Contains).ToList();
            if ((string?)entity.Element("Name")!.Attribute("OriginalName") is { Length: > 0 } original) names.Insert(0, $"OriginalName '{original}'");
            if (names.Count > 0)
                yield return new Finding(Severity.Error,
                    $"system table {table}: the package renames it ({string.Join(", ", names)}) in every app of the organisation; a shell carries no names - name the rows in this solution's app, forms and views instead (shownAs)");
            var settings = extra.Where(n => !NameElements.Contains(n)).ToList();
            if (settings.Count > 0)
                yield return new Finding(Severity.Error,
                    $"system table {table}: the package changes {settings.Count} table setting(s) ({string.Join(", ", settings.Take(5))}{(settings.Count > 5 ? ", ..." : "")}) in every app of the organisation; a shell carries only the columns and keys it adds");
        }
    }

    public static IEnumerable<Finding> AppForms(XElement customizations, string prefix)
    {
        var forms = SystemEntities(customizations, prefix)
            .SelectMany(e => e.Descendants("systemform").Select(f => (Table: e.Element("Name")!.Value.ToLowerInvariant(), Form: f)))
            .ToDictionary(x => Normalise(x.Form.Element("formid")?.Value), StringComparer.Ordinal);
        foreach (var app in customizations.Descendants("AppModule"))
        {
            var appName = app.Element("UniqueName")?.Value;
            foreach (var id in app.Descendants("AppModuleComponent").Where(c => (string?)c.Attribute("type") == "60").Select(c => Normalise((string?)c.Attribute("id"))))
            {
                if (!forms.TryGetValue(id, out var listed) || !RequiredColumns.TryGetValue(listed.Table, out var required)) continue;
                var fields = listed.Form.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var formName = listed.Form.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description")?.Value ?? id;
                foreach (var column in required.Where(c => !fields.Contains(c)))
                    yield return new Finding(Severity.Error,
                        $"app {appName} lists form '{formName}' of {listed.Table}, which lacks the required column {column}: users of the app get only the forms it lists, and this one cannot save a {listed.Table}; add {column} to the form");
            }
        }
    }

    private static string Normalise(string? id) => (id ?? "").Trim('{', '}').ToLowerInvariant();
}

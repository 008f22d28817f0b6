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

    public static IEnumerable<Finding> Shells(XElement customizations, string prefix)
    {
        foreach (var entity in SystemEntities(customizations, prefix))
        {
            var table = entity.Element("Name")!.Value.ToLowerInvariant();
            var renames = $"importing it renames or reconfigures {table} in every app of the organisation; name the rows in this solution's app, forms and views instead (shownAs)";
            if ((string?)entity.Element("Name")!.Attribute("OriginalName") is { Length: > 0 } original)
                yield return new Finding(Severity.Error, $"system table {table}: the shell carries OriginalName '{original}'; a shell writes it empty - {renames}");
            var info = entity.Element("EntityInfo")?.Element("entity");
            foreach (var child in info?.Elements().Where(c => !ShellChildren.Contains(c.Name.LocalName)) ?? [])
                yield return new Finding(Severity.Error, $"system table {table}: the shell carries {child.Name.LocalName}; {renames}");
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

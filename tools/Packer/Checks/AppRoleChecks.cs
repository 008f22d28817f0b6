using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// Every role of the solution that an app is shared with carries the base privileges a user needs to open the app.
/// Table privileges alone do not open a model-driven app (platform-fidelity.md §4.3).
/// </summary>
public static class AppRoleChecks
{
    /// <summary>
    /// Read on the app module (a user with only read on it sees the apps shared with their roles:
    /// learn.microsoft.com/power-apps/maker/model-driven-apps/app-visibility-privileges), on the user's own settings
    /// (read when the app starts, RetrieveUserSettingsSystemUser), and on the forms and views the app shows. Real roles
    /// carry them (Apollo 2026 export, Roles/*.xml).
    /// </summary>
    public static readonly IReadOnlyList<string> AppOpenerPrivileges = ["prvReadAppModule", "prvReadUserSettings", "prvReadSystemForm", "prvReadQuery"];

    public static IEnumerable<Finding> Run(XElement customizations)
    {
        var roles = customizations.Elements("Roles").Elements("Role")
            .ToDictionary(r => ((string?)r.Attribute("id") ?? "").Trim('{', '}').ToLowerInvariant(), StringComparer.Ordinal);
        foreach (var app in customizations.Descendants("AppModule"))
        {
            foreach (var id in app.Elements("AppModuleRoleMaps").Elements("Role").Select(r => ((string?)r.Attribute("id") ?? "").Trim('{', '}').ToLowerInvariant()))
            {
                // Roles outside the zip (e.g. System Administrator) are the target environment's business.
                if (!roles.TryGetValue(id, out var role)) continue;
                var held = role.Descendants("RolePrivilege").Select(p => (string?)p.Attribute("name")).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var missing in AppOpenerPrivileges.Where(p => !held.Contains(p)))
                    yield return new Finding(Severity.Error,
                        $"role '{(string?)role.Attribute("name")}' is given app {app.Element("UniqueName")?.Value} but lacks {missing}: its users could not open the app; add it to the role");
            }
        }
    }
}

using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Security;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// A multi-unit healthcare organisation arranged with plain requests, as an administrator would in Dataverse: the root
/// unit, two regions and a clinic under the north region; staff are users of a unit holding Basic User plus one shipped
/// role, and, where the solution grants it to their role, the clinical notes field security profile.
/// </summary>
public sealed class Organisation
{
    public const string ClinicalNotesProfile = "Patient Journey clinical notes";

    private readonly ScenarioEnvironment env;

    public Organisation(ScenarioEnvironment env)
    {
        this.env = env;
        North = Unit("North region", env.Emulator.RootBusinessUnitId);
        NorthClinic = Unit("North clinic", North);
        South = Unit("South region", env.Emulator.RootBusinessUnitId);
        env.Emulator.ClearLog();
    }

    public Guid North { get; }
    public Guid NorthClinic { get; }
    public Guid South { get; }

    private IOrganizationService Admin => env.Emulator.CreateOrganizationService();

    private Guid Unit(string name, Guid parent) =>
        Admin.Create(new Entity("businessunit") { ["name"] = name, ["parentbusinessunitid"] = new EntityReference("businessunit", parent) });

    /// <summary>A user in the unit with Basic User and the role (no role: Basic User alone); holders of a role the profile is granted to get it.</summary>
    public Guid StaffMember(string? role, Guid businessUnit, string name = "Staff")
    {
        var admin = Admin;
        var user = admin.Create(new Entity("systemuser") { ["firstname"] = name, ["lastname"] = role ?? "Basic", ["businessunitid"] = new EntityReference("businessunit", businessUnit) });
        var roles = new[] { PlatformRoles.BasicUserName, role }.OfType<string>().Select(r => new EntityReference("role", env.Emulator.RoleId(r)));
        admin.Associate("systemuser", user, new Relationship("systemuserroles_association"), [.. roles]);
        var profile = ShippedSolution.Definition.FieldSecurityProfiles.Single(p => p.Name == ClinicalNotesProfile);
        if (role != null && profile.GrantedToRoles.Contains(role))
        {
            admin.Associate("systemuser", user, new Relationship("systemuserprofiles_association"), [new EntityReference("fieldsecurityprofile", env.Emulator.FieldSecurityProfileId(ClinicalNotesProfile))]);
        }
        env.Emulator.ClearLog();
        return user;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>Relationships, security, the app and plug-in registration, in the exported customizations.xml shape.</summary>
internal static class ComponentWriters
{
    private static readonly Dictionary<string, string> PlatformSchemaNames = new(StringComparer.Ordinal)
    {
        ["systemuser"] = "SystemUser",
        ["team"] = "Team",
        ["businessunit"] = "BusinessUnit",
        ["account"] = "Account",
    };

    private static string SchemaNameOf(SolutionSchema schema, string logicalName) =>
        schema.Table(logicalName)?.SchemaName ?? PlatformSchemaNames.GetValueOrDefault(logicalName, logicalName);

    public static IEnumerable<XElement> Relationships(SolutionSchema schema)
    {
        var all = new List<XElement>();
        foreach (var r in schema.Relationships)
        {
            var referencing = schema.Table(r.ReferencingTable)!;
            var column = referencing.Column(r.ReferencingColumn!)!;
            all.Add(Relationship(r.SchemaName, referencing.SchemaName!, SchemaNameOf(schema, r.ReferencedTable), column.SchemaName!,
                r.OnDelete switch { DeleteBehavior.Cascade => "Cascade", DeleteBehavior.Restrict => "Restrict", _ => "RemoveLink" },
                column.Description ?? "", navigation: true, r.OnAssign.ToString()));
        }
        // The platform's relationships of every user-owned custom table, as an export carries them.
        foreach (var t in schema.Tables.Where(t => t.IsCustom))
        {
            var n = t.LogicalName;
            all.Add(Relationship($"business_unit_{n}", t.SchemaName!, "BusinessUnit", "OwningBusinessUnit", "Restrict", "Unique identifier for the business unit that owns the record", false));
            all.Add(Relationship($"lk_{n}_createdby", t.SchemaName!, "SystemUser", "CreatedBy", "NoCascade", "Unique identifier of the user who created the record.", false));
            all.Add(Relationship($"lk_{n}_createdonbehalfby", t.SchemaName!, "SystemUser", "CreatedOnBehalfBy", "NoCascade", "Unique identifier of the delegate user who created the record.", false));
            all.Add(Relationship($"lk_{n}_modifiedby", t.SchemaName!, "SystemUser", "ModifiedBy", "NoCascade", "Unique identifier of the user who modified the record.", false));
            all.Add(Relationship($"lk_{n}_modifiedonbehalfby", t.SchemaName!, "SystemUser", "ModifiedOnBehalfBy", "NoCascade", "Unique identifier of the delegate user who modified the record.", false));
            all.Add(Relationship($"owner_{n}", t.SchemaName!, "Owner", "OwnerId", "NoCascade", "Owner Id", false));
            all.Add(Relationship($"team_{n}", t.SchemaName!, "Team", "OwningTeam", "NoCascade", "Unique identifier for the team that owns the record.", false));
            all.Add(Relationship($"user_{n}", t.SchemaName!, "SystemUser", "OwningUser", "NoCascade", "Unique identifier for the user that owns the record.", false));
        }
        return all.OrderBy(e => (string)e.Attribute("Name")!, StringComparer.Ordinal);
    }

    private static XElement Relationship(string name, string referencing, string referenced, string attribute, string onDelete, string description, bool navigation,
        string onAssign = "NoCascade")
    {
        var e = new XElement("EntityRelationship", new XAttribute("Name", name),
            new XElement("EntityRelationshipType", "OneToMany"),
            Xml.Flag("IsCustomizable", true),
            new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
            Xml.Flag("IsHierarchical", false),
            new XElement("ReferencingEntityName", referencing),
            new XElement("ReferencedEntityName", referenced),
            new XElement("CascadeAssign", onAssign),
            new XElement("CascadeDelete", onDelete),
            new XElement("CascadeReparent", "NoCascade"),
            new XElement("CascadeShare", "NoCascade"),
            new XElement("CascadeUnshare", "NoCascade"),
            new XElement("ReferencingAttributeName", attribute),
            new XElement("RelationshipDescription", Xml.Descriptions(description)));
        if (navigation)
        {
            e.Add(new XElement("EntityRelationshipRoles",
                new XElement("EntityRelationshipRole",
                    new XElement("NavPaneDisplayOption", "UseCollectionName"),
                    new XElement("NavPaneArea", "Details"),
                    new XElement("NavPaneOrder", 10000),
                    new XElement("NavigationPropertyName", attribute),
                    new XElement("RelationshipRoleType", 1)),
                new XElement("EntityRelationshipRole",
                    new XElement("NavigationPropertyName", name),
                    new XElement("RelationshipRoleType", 0))));
        }
        return e;
    }

    private static string Level(PrivilegeDepth depth) => depth switch
    {
        PrivilegeDepth.User => "Basic",
        PrivilegeDepth.BusinessUnit => "Local",
        PrivilegeDepth.ParentChildBusinessUnits => "Deep",
        _ => "Global",
    };

    /// <summary>Privilege names use the table's schema name; every activity table shares the Activity privileges.</summary>
    public static string PrivilegeName(SolutionSchema schema, TablePrivilege p)
    {
        var table = schema.Table(p.Table)!;
        return $"prv{p.Access}{(table.IsActivity ? "Activity" : table.SchemaName)}";
    }

    public static XElement Role(SolutionSchema schema, RoleDefinition role)
    {
        var privileges = role.TablePrivileges.Select(p => (Name: PrivilegeName(schema, p), Level: Level(p.Depth)))
            .Concat(role.SystemPrivileges.Select(p => (Name: p.Key, Level: Level(p.Value))))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase);
        return new XElement("Role", new XAttribute("id", ComponentIds.Role(role.Name).Braced()), new XAttribute("name", role.Name),
            Xml.Flag("IsCustomizable", true),
            new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
            new XElement("RolePrivileges", privileges.Select(p => new XElement("RolePrivilege", new XAttribute("name", p.Name), new XAttribute("level", p.Level)))));
    }

    public static XElement FieldSecurityProfile(FieldSecurityProfileDefinition profile) =>
        new("FieldSecurityProfile", new XAttribute("name", profile.Name), new XAttribute("description", profile.Description ?? ""),
            new XAttribute("fieldsecurityprofileid", ComponentIds.FieldSecurityProfile(profile.Name).Braced()),
            new XElement("FieldPermissions", profile.Permissions.Select(p => new XElement("FieldPermission",
                new XElement("EntityName", p.Table),
                new XElement("AttributeName", p.Column),
                new XElement("CanRead", p.CanRead ? 4 : 0),
                new XElement("CanUpdate", p.CanUpdate ? 4 : 0),
                new XElement("CanCreate", p.CanCreate ? 4 : 0)))));

    /// <summary>The default app icon web resource every exported app without its own icon references.</summary>
    private const string DefaultAppIcon = "953b9fac-1e5e-e611-80d6-00155ded156f";

    public static XElement AppModule(SolutionDefinition solution, AppDefinition app)
    {
        var tables = solution.Schema.Tables;
        var components = tables.Select(t => new XElement("AppModuleComponent", new XAttribute("type", 1), new XAttribute("schemaName", t.LogicalName)))
            .Concat(tables.Select(t => new XElement("AppModuleComponent", new XAttribute("type", 60), new XAttribute("id", ComponentIds.Form(t.LogicalName, EntityWriter.MainFormName(t)).Braced()))))
            .Concat(solution.Dashboards.Select(d => new XElement("AppModuleComponent", new XAttribute("type", 60), new XAttribute("id", ComponentIds.Dashboard(d.Name).Braced()))))
            .Append(new XElement("AppModuleComponent", new XAttribute("type", 62), new XAttribute("schemaName", app.UniqueName)))
            // Listing any view of a table limits the app to the listed ones: the platform tables' views are left unlisted
            // so the app keeps all of them, the solution's own views on them included.
            .Concat(tables.Where(t => t.IsCustom).SelectMany(EntityWriter.ViewIds).Select(id => new XElement("AppModuleComponent", new XAttribute("type", 26), new XAttribute("id", id.Braced()))));
        // The fields and their order as 2023-2026 exports write them (PowerApps-Samples CodeInterpreterSample, Apollo
        // 1.0.0.4): an active app (statecode 0, statuscode 1), not optimised for a device, single-session navigation,
        // and the one app setting both exports carry, AppChannel 1. The 9.0.0.2090 schema predates these fields.
        return new XElement("AppModule",
            new XElement("UniqueName", app.UniqueName),
            new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
            new XElement("WebResourceId", DefaultAppIcon),
            new XElement("OptimizedFor", ""),
            new XElement("statecode", 0),
            new XElement("statuscode", 1),
            new XElement("FormFactor", 1),
            new XElement("ClientType", 4),
            new XElement("NavigationType", 0),
            new XElement("AppModuleComponents", components),
            app.Roles.Count == 0 ? null : new XElement("AppModuleRoleMaps", app.Roles.Select(r => new XElement("Role", new XAttribute("id", ComponentIds.Role(r).Braced())))),
            Xml.LocalizedNames(app.DisplayName),
            Xml.Descriptions(app.Description),
            new XElement("appsettings", new XElement("appsetting", new XAttribute("settingdefinitionid.uniquename", "AppChannel"),
                Xml.Flag("iscustomizable", true),
                new XElement("value", 1))));
    }

    public static XElement AppModuleSiteMap(SolutionDefinition solution, AppDefinition app) => new("AppModuleSiteMap",
        new XElement("SiteMapUniqueName", app.UniqueName),
        new XElement("SiteMap", new XAttribute("IntroducedVersion", "7.0.0.0"), app.Areas.Select(area =>
            new XElement("Area", new XAttribute("Id", area.Id), new XAttribute("ShowGroups", "true"), new XAttribute("IntroducedVersion", "7.0.0.0"),
                new XElement("Titles", new XElement("Title", new XAttribute("LCID", Xml.Language), new XAttribute("Title", area.Title))),
                area.Groups.Select(g => new XElement("Group", new XAttribute("Id", g.Id), new XAttribute("IsProfile", "false"), new XAttribute("IntroducedVersion", "7.0.0.0"),
                    new XElement("Titles", new XElement("Title", new XAttribute("LCID", Xml.Language), new XAttribute("Title", g.Title))),
                    g.Tables.Select(t => new XElement("SubArea", new XAttribute("Id", $"{g.Id}_{t}"), new XAttribute("Entity", t),
                        new XAttribute("Client", "All,Outlook,OutlookLaptopClient,OutlookWorkstationClient,Web"), new XAttribute("AvailableOffline", "true"),
                        new XAttribute("PassParams", "false"), new XAttribute("Sku", "All,OnPremise,Live,SPLA"),
                        new XElement("Titles", new XElement("Title", new XAttribute("LCID", Xml.Language), new XAttribute("Title", solution.Schema.Table(t)!.AppPluralName!)))))
                    .Concat(g.Dashboards.Select(DashboardSubArea))))))),
        Xml.LocalizedNames(app.DisplayName));

    /// <summary>A site-map entry that opens one dashboard (the dashboards page with it preselected).</summary>
    private static XElement DashboardSubArea(string dashboard)
    {
        var id = ComponentIds.Dashboard(dashboard);
        return new XElement("SubArea", new XAttribute("Id", "pj_dashboard_" + id.ToString("N")[..8]), new XAttribute("Url", "/workplace/home_dashboards.aspx"),
            new XAttribute("DefaultDashboard", id.Braced()),
            new XAttribute("Client", "All,Outlook,OutlookLaptopClient,OutlookWorkstationClient,Web"), new XAttribute("AvailableOffline", "true"),
            new XAttribute("PassParams", "false"), new XAttribute("Sku", "All,OnPremise,Live,SPLA"),
            new XElement("Titles", new XElement("Title", new XAttribute("LCID", Xml.Language), new XAttribute("Title", dashboard))));
    }

    public static string AssemblyFileName(PluginAssemblyInfo assembly)
    {
        var id = ComponentIds.PluginAssembly(assembly.Name).ToString().ToUpperInvariant();
        return $"/PluginAssemblies/{assembly.Name}-{id}/{assembly.Name}.dll";
    }

    public static XElement PluginAssembly(PluginAssemblyInfo assembly) => new("PluginAssembly",
        new XAttribute("FullName", assembly.FullName),
        new XAttribute("PluginAssemblyId", ComponentIds.PluginAssembly(assembly.Name)),
        new XAttribute("CustomizationLevel", 1),
        new XElement("IsolationMode", 2),
        new XElement("SourceType", 0),
        new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
        new XElement("FileName", AssemblyFileName(assembly)),
        new XElement("PluginTypes", assembly.Types.Select(t => new XElement("PluginType",
            new XAttribute("AssemblyQualifiedName", $"{t.FullName}, {assembly.FullName}"),
            new XAttribute("PluginTypeId", ComponentIds.PluginType(t.FullName)),
            new XAttribute("Name", t.FullName),
            // Exports put a GUID here; the type's own id keeps it stable.
            new XElement("FriendlyName", ComponentIds.PluginType(t.FullName)),
            t.IsWorkflowActivity ? new XElement("WorkflowActivityGroupName", $"{assembly.Name} ({assembly.Version})") : null))));

    public static Guid StepId(StepRegistration step) => ComponentIds.Step(step.Description);

    public static XElement Step(PluginAssemblyInfo assembly, StepRegistration step)
    {
        var id = StepId(step);
        var images = new List<XElement>();
        void Image(string? alias, string? attributes, int type)
        {
            if (alias == null) return;
            images.Add(new XElement("SdkMessageProcessingStepImage", new XAttribute("Name", alias),
                new XElement("SdkMessageProcessingStepImageId", ComponentIds.StepImage(id, alias).Braced()),
                new XElement("Attributes", attributes ?? ""),
                new XElement("EntityAlias", alias),
                new XElement("ImageType", type),
                new XElement("MessagePropertyName", SdkMessages.ImagePropertyName(step.Message)),
                Xml.Flag("IsCustomizable", true)));
        }
        Image(step.PreImageAlias, step.PreImageAttributes, 0);
        Image(step.PostImageAlias, step.PostImageAttributes, 1);
        return new XElement("SdkMessageProcessingStep",
            new XAttribute("Name", step.Description),
            new XAttribute("SdkMessageProcessingStepId", id.Braced()),
            new XElement("PluginTypeName", $"{step.PluginType}, {assembly.FullName}"),
            new XElement("PluginTypeId", ComponentIds.PluginType(step.PluginType)),
            new XElement("PrimaryEntity", step.PrimaryEntity),
            Xml.Flag("AsyncAutoDelete", step.Mode == 1 && step.DeleteAsyncOperationOnSuccess),
            step.UnsecureConfiguration == null ? null : new XElement("Configuration", step.UnsecureConfiguration),
            new XElement("FilteringAttributes", step.FilteringAttributes ?? ""),
            new XElement("InvocationSource", 1),
            new XElement("Mode", step.Mode),
            new XElement("Rank", step.Rank),
            new XElement("SdkMessageId", SdkMessages.Id(step.Message)),
            new XElement("EventHandlerTypeCode", 4602),
            new XElement("Stage", step.Stage),
            Xml.Flag("IsCustomizable", true),
            Xml.Flag("IsHidden", false),
            new XElement("SupportedDeployment", 0),
            new XElement("IntroducedVersion", EntityWriter.IntroducedVersion),
            new XElement("SdkMessageProcessingStepImages", images));
    }
}

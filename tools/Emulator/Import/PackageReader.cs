using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Messages;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Emulator.Import;

/// <summary>
/// Reads a solution zip in the exported layout (solution-format.md): solution.xml, customizations.xml (Entities,
/// optionsets, EntityRelationships, SolutionPluginAssemblies, SdkMessageProcessingSteps), customapis/ and
/// environmentvariabledefinitions/. Every problem is collected with its file and component; none is applied.
/// </summary>
internal sealed partial class PackageReader
{
    private const string Customizations = "customizations.xml";
    private const string Manifest = "solution.xml";

    private readonly Stream zip;
    private readonly Dictionary<string, Type> pluginTypes;
    private readonly List<string> problems = [];
    private Dictionary<string, byte[]> entries = [];

    public PackageReader(Stream zip, IReadOnlyList<Assembly> assemblies)
    {
        this.zip = zip;
        pluginTypes = assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsClass && !t.IsAbstract && typeof(IPlugin).IsAssignableFrom(t))
            .ToDictionary(t => t.FullName!, StringComparer.Ordinal);
    }

    private void Problem(string file, string component, string what) => problems.Add($"{file}: {component}: {what}");

    public SolutionPackage Read()
    {
        entries = Unzip();
        if (problems.Count > 0) throw new SolutionImportException(problems);
        var missing = new[] { Manifest, Customizations, "[Content_Types].xml" }.Where(f => !entries.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            // The platform's own words for this case (solution-format.md §1.1).
            Problem(string.Join(", ", missing), "package", "The solution file is invalid. The compressed file must contain the following files at its root: solution.xml, customizations.xml, and [Content_Types].xml.");
            throw new SolutionImportException(problems);
        }
        var manifest = Xml(Manifest)?.Element("SolutionManifest");
        var customizations = Xml(Customizations);
        if (manifest == null || customizations == null)
        {
            if (manifest == null && !problems.Any(p => p.StartsWith(Manifest, StringComparison.Ordinal))) Problem(Manifest, "ImportExportXml", "has no SolutionManifest");
            throw new SolutionImportException(problems);
        }

        var schema = Schema(customizations);
        var metadata = new MetadataRegistry(schema);
        var typeIds = PluginTypeIds(customizations);
        var steps = Steps(customizations, metadata);
        var (apis, declaredApis) = CustomApis(typeIds, metadata);
        var variables = EnvironmentVariables();
        var roles = Roles(customizations);
        var profiles = FieldSecurityProfiles(customizations, metadata);
        if (problems.Count > 0) throw new SolutionImportException(problems);
        return new SolutionPackage
        {
            UniqueName = manifest.Element("UniqueName")?.Value ?? "",
            IsManaged = manifest.Element("Managed")?.Value == "1",
            Schema = schema, Steps = steps, CustomApis = apis, CustomApiDefinitions = declaredApis, EnvironmentVariables = variables, Roles = roles, FieldSecurityProfiles = profiles,
        };
    }

    // ---- security ----

    // Access levels as exported role XML writes them (Basic, Local, Deep, Global).
    private static readonly Dictionary<string, PrivilegeDepth> Levels = new(StringComparer.Ordinal)
    {
        ["Basic"] = PrivilegeDepth.User, ["Local"] = PrivilegeDepth.BusinessUnit, ["Deep"] = PrivilegeDepth.ParentChildBusinessUnits, ["Global"] = PrivilegeDepth.Organization,
    };

    private List<SecurityRole> Roles(XElement customizations)
    {
        var roles = new List<SecurityRole>();
        foreach (var role in customizations.Element("Roles")?.Elements("Role") ?? [])
        {
            var name = role.Attribute("name")?.Value ?? "";
            var privileges = new List<KeyValuePair<string, PrivilegeDepth>>();
            foreach (var privilege in role.Element("RolePrivileges")?.Elements("RolePrivilege") ?? [])
            {
                var privilegeName = privilege.Attribute("name")?.Value ?? "";
                var level = privilege.Attribute("level")?.Value ?? "";
                if (!Levels.TryGetValue(level, out var depth)) Problem(Customizations, $"role {name}", $"privilege {privilegeName} has level '{level}', not one of Basic, Local, Deep, Global");
                else privileges.Add(new(privilegeName, depth));
            }
            roles.Add(new SecurityRole(name, privileges));
        }
        return roles;
    }

    private List<FieldSecurityProfile> FieldSecurityProfiles(XElement customizations, MetadataRegistry metadata)
    {
        var profiles = new List<FieldSecurityProfile>();
        foreach (var profile in customizations.Element("FieldSecurityProfiles")?.Elements("FieldSecurityProfile") ?? [])
        {
            var name = profile.Attribute("name")?.Value ?? "";
            var permissions = new List<FieldPermission>();
            foreach (var permission in profile.Element("FieldPermissions")?.Elements("FieldPermission") ?? [])
            {
                var table = Text(permission, "EntityName")?.ToLowerInvariant() ?? "";
                var column = Text(permission, "AttributeName")?.ToLowerInvariant() ?? "";
                if (metadata.Find(table)?.HasColumn(column) != true)
                {
                    Problem(Customizations, $"field security profile {name}", $"secures {table}.{column}, which is not a column of the solution or the platform tables");
                    continue;
                }
                // 4 = allowed, 0 = not allowed (the FieldPermission values of an export).
                permissions.Add(new FieldPermission(table, column, Int(permission, "CanRead") == 4, Int(permission, "CanCreate") == 4, Int(permission, "CanUpdate") == 4));
            }
            profiles.Add(new FieldSecurityProfile(name, permissions));
        }
        return profiles;
    }

    private Dictionary<string, byte[]> Unzip()
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                using var source = entry.Open();
                using var copy = new MemoryStream();
                source.CopyTo(copy);
                result[entry.FullName.Replace('\\', '/')] = copy.ToArray();
            }
            return result;
        }
        catch (InvalidDataException e)
        {
            Problem("(zip)", "package", "is not a readable zip file: " + e.Message);
            return [];
        }
    }

    private XElement? Xml(string file)
    {
        try
        {
            return XDocument.Load(new MemoryStream(entries[file])).Root;
        }
        catch (XmlException e)
        {
            Problem(file, "document", "is not well-formed XML: " + e.Message);
            return null;
        }
    }

    // ---- schema ----

    private sealed record Relationship(string Name, string Type, string Referencing, string Referenced, string Attribute, string CascadeDelete, string CascadeAssign);

    private SolutionSchema Schema(XElement customizations)
    {
        var globals = (customizations.Element("optionsets")?.Elements("optionset") ?? []).Select(o => new ChoiceDefinition
        {
            Name = o.Attribute("Name")?.Value ?? "",
            DisplayName = Label(o.Element("displaynames"), "displayname"),
            IsGlobal = true,
            Options = Options(o.Element("options")),
        }).ToList();
        var relationships = (customizations.Element("EntityRelationships")?.Elements("EntityRelationship") ?? []).Select(r => new Relationship(
            r.Attribute("Name")?.Value ?? "", Text(r, "EntityRelationshipType") ?? "OneToMany", Text(r, "ReferencingEntityName") ?? "",
            Text(r, "ReferencedEntityName") ?? "", Text(r, "ReferencingAttributeName") ?? "", Text(r, "CascadeDelete") ?? "RemoveLink", Text(r, "CascadeAssign") ?? "NoCascade")).ToList();
        var tables = (customizations.Element("Entities")?.Elements("Entity") ?? []).Select(e => Table(e, globals, relationships)).OfType<TableDefinition>().ToList();
        var known = tables.Select(t => t.LogicalName).Concat(PlatformCatalog.Tables.Select(t => t.LogicalName)).ToHashSet(StringComparer.Ordinal);
        var schemaRelationships = new List<RelationshipDefinition>();
        foreach (var r in relationships)
        {
            var component = $"relationship {r.Name}";
            if (r.Type != "OneToMany")
            {
                Problem(Customizations, component, $"{r.Type} relationships are not modelled by the emulator");
                continue;
            }
            var referencing = tables.FirstOrDefault(t => t.LogicalName == r.Referencing.ToLowerInvariant());
            var column = referencing?.Column(r.Attribute.ToLowerInvariant());
            if (referencing == null || column == null)
            {
                Problem(Customizations, component, $"its lookup {r.Referencing}.{r.Attribute} is not a column of a table in the solution");
                continue;
            }
            // The platform's own relationships of a table (owner, created by, business unit) come with Dataverse.
            if (!column.IsCustom) continue;
            var referenced = r.Referenced.ToLowerInvariant();
            if (!known.Contains(referenced))
            {
                Problem(Customizations, component, $"the referenced table '{r.Referenced}' is neither in the solution nor a platform table the emulator models");
                continue;
            }
            DeleteBehavior? onDelete = r.CascadeDelete switch { "Cascade" => DeleteBehavior.Cascade, "Restrict" => DeleteBehavior.Restrict, "RemoveLink" => DeleteBehavior.RemoveLink, _ => null };
            if (onDelete == null)
            {
                Problem(Customizations, component, $"CascadeDelete '{r.CascadeDelete}' is not one of Cascade, Restrict, RemoveLink");
                continue;
            }
            if (!Enum.TryParse<CascadeType>(r.CascadeAssign, ignoreCase: false, out var onAssign) || !Enum.IsDefined(onAssign))
            {
                Problem(Customizations, component, $"CascadeAssign '{r.CascadeAssign}' is not one of Cascade, Active, UserOwned, NoCascade");
                continue;
            }
            schemaRelationships.Add(new RelationshipDefinition
            {
                SchemaName = r.Name, ReferencedTable = referenced, ReferencingTable = referencing.LogicalName, ReferencingColumn = column.LogicalName, OnDelete = onDelete.Value,
                OnAssign = onAssign,
            });
        }
        return new SolutionSchema { Tables = tables, Relationships = schemaRelationships, GlobalChoices = globals };
    }

    private TableDefinition? Table(XElement entity, IReadOnlyList<ChoiceDefinition> globals, IReadOnlyList<Relationship> relationships)
    {
        var schemaName = entity.Element("Name")?.Value.Trim();
        var info = entity.Element("EntityInfo")?.Element("entity");
        if (string.IsNullOrEmpty(schemaName) || info == null)
        {
            Problem(Customizations, $"table {schemaName ?? "(no Name)"}", "has no Name or no EntityInfo/entity");
            return null;
        }
        var component = $"table {schemaName}";
        var logical = schemaName.ToLowerInvariant();
        var platform = PlatformCatalog.Tables.FirstOrDefault(t => t.LogicalName == logical);
        var columns = (info.Element("attributes")?.Elements("attribute") ?? []).Select(a => Column(a, component, schemaName, globals, relationships)).OfType<ColumnDefinition>().ToList();
        foreach (var duplicate in columns.GroupBy(c => c.LogicalName).Where(g => g.Count() > 1)) Problem(Customizations, component, $"column {duplicate.Key} is declared {duplicate.Count()} times");
        var primaryId = platform?.PrimaryIdColumn ?? columns.FirstOrDefault(c => c.Type == ColumnType.PrimaryKey)?.LogicalName;
        if (primaryId == null) Problem(Customizations, component, "a custom table needs a primarykey attribute");
        var keys = (info.Element("EntityKeys")?.Elements("EntityKey") ?? []).Select(k => new AlternateKeyDefinition
        {
            LogicalName = Text(k, "LogicalName") ?? Text(k, "Name") ?? "",
            DisplayName = Label(k.Element("displaynames"), "displayname"),
            Columns = k.Element("EntityKeyAttributes")?.Elements("AttributeName").Select(n => n.Value.ToLowerInvariant()).ToList() ?? [],
        }).ToList();
        var allColumns = columns.Select(c => c.LogicalName).Concat(platform?.Columns.Select(c => c.LogicalName) ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys)
            foreach (var column in key.Columns.Where(c => !allColumns.Contains(c)))
                Problem(Customizations, $"{component} key {key.LogicalName}", $"column '{column}' is not a column of the table");
        return new TableDefinition
        {
            LogicalName = logical,
            SchemaName = schemaName,
            DisplayName = entity.Element("Name")?.Attribute("LocalizedName")?.Value ?? Label(info.Element("LocalizedNames"), "LocalizedName"),
            PluralName = Label(info.Element("LocalizedCollectionNames"), "LocalizedCollectionName"),
            Description = Label(info.Element("Descriptions"), "Description"),
            IsCustom = platform == null,
            Ownership = platform?.Ownership ?? (Text(info, "OwnershipTypeMask") is "OrgOwned" or "OrganizationOwned" ? OwnershipType.Organization : OwnershipType.User),
            IsActivity = platform?.IsActivity ?? Text(info, "IsActivity") == "1",
            PrimaryIdColumn = primaryId ?? logical + "id",
            PrimaryNameColumn = columns.FirstOrDefault(c => c.IsPrimaryName)?.LogicalName,
            Columns = columns,
            Keys = keys,
            IsAudited = Text(info, "IsAuditEnabled") == "1",
        };
    }

    private static readonly Dictionary<string, ColumnType> XmlTypes = new(StringComparer.Ordinal)
    {
        ["primarykey"] = ColumnType.PrimaryKey, ["uniqueidentifier"] = ColumnType.UniqueIdentifier, ["nvarchar"] = ColumnType.String,
        ["ntext"] = ColumnType.Memo, ["int"] = ColumnType.Integer, ["bigint"] = ColumnType.BigInt, ["decimal"] = ColumnType.Decimal,
        ["float"] = ColumnType.Double, ["money"] = ColumnType.Money, ["bit"] = ColumnType.Boolean, ["datetime"] = ColumnType.DateTime,
        ["picklist"] = ColumnType.Choice, ["multiselectpicklist"] = ColumnType.MultiChoice, ["lookup"] = ColumnType.Lookup,
        ["customer"] = ColumnType.Customer, ["owner"] = ColumnType.Owner, ["state"] = ColumnType.State, ["status"] = ColumnType.Status,
    };

    private ColumnDefinition? Column(XElement a, string table, string tableSchemaName, IReadOnlyList<ChoiceDefinition> globals, IReadOnlyList<Relationship> relationships)
    {
        var logical = Text(a, "LogicalName") ?? Text(a, "Name");
        var component = $"{table} column {logical ?? "(no LogicalName)"}";
        if (logical == null)
        {
            Problem(Customizations, component, "has no LogicalName");
            return null;
        }
        var typeName = Text(a, "Type") ?? "";
        if (!XmlTypes.TryGetValue(typeName, out var type))
        {
            Problem(Customizations, component, $"type '{typeName}' is not a column type the emulator models");
            return null;
        }
        var physical = a.Attribute("PhysicalName")?.Value ?? logical;
        var targets = relationships
            .Where(r => string.Equals(r.Referencing, tableSchemaName, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Attribute, physical, StringComparison.OrdinalIgnoreCase))
            .SelectMany(r => r.Referenced == "Owner" ? ["systemuser", "team"] : new[] { r.Referenced.ToLowerInvariant() }).Distinct().ToList();
        if (type is ColumnType.Lookup or ColumnType.Customer && targets.Count == 0 && Text(a, "IsCustomField") == "1")
            Problem(Customizations, component, "a lookup needs a relationship naming the table it points to");
        return new ColumnDefinition
        {
            LogicalName = logical,
            SchemaName = physical,
            Type = type,
            DisplayName = Label(a.Element("displaynames"), "displayname"),
            Description = Label(a.Element("Descriptions"), "Description"),
            RequiredLevel = Text(a, "RequiredLevel") switch
            {
                "systemrequired" => RequiredLevel.SystemRequired, "required" => RequiredLevel.ApplicationRequired, "recommended" => RequiredLevel.Recommended, _ => RequiredLevel.None,
            },
            MaxLength = Int(a, "MaxLength"),
            Precision = Int(a, "Accuracy"),
            MinValue = Decimal(a, "MinValue"),
            MaxValue = Decimal(a, "MaxValue"),
            Format = Text(a, "Format") is { Length: > 0 } format ? format : null,
            Targets = targets,
            Choice = Choice(a, type, component, globals),
            IsCustom = Text(a, "IsCustomField") == "1",
            IsPrimaryName = (Text(a, "DisplayMask") ?? "").Split('|').Contains("PrimaryName"),
            IsReadOnly = Text(a, "ValidForCreateApi") == "0" && Text(a, "ValidForUpdateApi") == "0",
            IsAudited = Text(a, "IsAuditEnabled") == "1",
            IsSecured = Text(a, "IsSecured") == "1",
            // customizations.xml writes a date column's behavior as 1 UserLocal, 2 DateOnly, 3 TimeZoneIndependent.
            DateTimeBehavior = Int(a, "Behavior") is 2 or 3 && type == ColumnType.DateTime ? (DateTimeBehavior)Int(a, "Behavior")!.Value : DateTimeBehavior.UserLocal,
        };
    }

    private ChoiceDefinition? Choice(XElement a, ColumnType type, string component, IReadOnlyList<ChoiceDefinition> globals)
    {
        if (type is not (ColumnType.Choice or ColumnType.MultiChoice or ColumnType.State or ColumnType.Status or ColumnType.Boolean)) return null;
        if (Text(a, "OptionSetName") is { Length: > 0 } global)
        {
            if (globals.All(g => g.Name != global)) Problem(Customizations, component, $"global choice '{global}' is not in the solution's optionsets");
            return new ChoiceDefinition { Name = global, IsGlobal = true, Options = [] };
        }
        var set = a.Element("optionset");
        if (set == null)
        {
            if (type != ColumnType.Boolean) Problem(Customizations, component, "a choice column needs an optionset or an OptionSetName");
            return null;
        }
        var options = type switch
        {
            ColumnType.State => (set.Element("states")?.Elements("state") ?? []).Select(s => new ChoiceOption
            {
                Value = IntAttribute(s, "value"), Label = s.Attribute("invariantname")?.Value ?? Label(s.Element("labels"), "label") ?? "", DefaultStatus = OptionalIntAttribute(s, "defaultstatus"),
            }).ToList(),
            ColumnType.Status => (set.Element("statuses")?.Elements("status") ?? []).Select(s => new ChoiceOption
            {
                Value = IntAttribute(s, "value"), Label = Label(s.Element("labels"), "label") ?? "", State = OptionalIntAttribute(s, "state"),
            }).ToList(),
            _ => Options(set.Element("options")),
        };
        if (options.Count == 0 && type != ColumnType.Boolean) Problem(Customizations, component, "its optionset has no options");
        return new ChoiceDefinition { Name = set.Attribute("Name")?.Value ?? "", DisplayName = Label(set.Element("displaynames"), "displayname"), Options = options };
    }

    private static List<ChoiceOption> Options(XElement? options) =>
        (options?.Elements("option") ?? []).Select(o => new ChoiceOption { Value = IntAttribute(o, "value"), Label = Label(o.Element("labels"), "label") ?? "" }).ToList();

    // ---- plug-in registration ----

    private Dictionary<Guid, string> PluginTypeIds(XElement customizations)
    {
        var ids = new Dictionary<Guid, string>();
        foreach (var assembly in customizations.Element("SolutionPluginAssemblies")?.Elements("PluginAssembly") ?? [])
        {
            var component = $"plug-in assembly {assembly.Attribute("FullName")?.Value}";
            var file = Text(assembly, "FileName")?.TrimStart('/');
            if (file == null || !entries.ContainsKey(file)) Problem(Customizations, component, $"its FileName '{file}' is not in the zip");
            foreach (var type in assembly.Element("PluginTypes")?.Elements("PluginType") ?? [])
            {
                if (Guid.TryParse(type.Attribute("PluginTypeId")?.Value, out var id)) ids[id] = type.Attribute("Name")?.Value ?? "";
                else Problem(Customizations, $"{component} plug-in type {type.Attribute("Name")?.Value}", "has no valid PluginTypeId");
            }
        }
        return ids;
    }

    private List<PluginStep> Steps(XElement customizations, MetadataRegistry metadata)
    {
        var steps = new List<PluginStep>();
        foreach (var element in customizations.Element("SdkMessageProcessingSteps")?.Elements("SdkMessageProcessingStep") ?? [])
        {
            var component = $"step '{element.Attribute("Name")?.Value}'";
            var before = problems.Count;
            var typeName = Text(element, "PluginTypeName")?.Split(',')[0].Trim() ?? "";
            if (!pluginTypes.TryGetValue(typeName, out var type))
                Problem(Customizations, component, $"plug-in type '{typeName}' is not in the loaded plug-in assemblies");
            var message = Guid.TryParse(Text(element, "SdkMessageId"), out var messageId) ? SdkMessageIds.Name(messageId) : null;
            if (message == null) Problem(Customizations, component, $"SdkMessageId '{Text(element, "SdkMessageId")}' is not a message id the emulator knows");
            var table = Text(element, "PrimaryEntity") ?? "none";
            var images = (element.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage") ?? []).ToList();
            // ImageType 0 is a pre image, 1 a post image, 2 both; a step may have several of each, told apart by alias.
            var stepImages = new List<StepImage>();
            foreach (var image in images)
            {
                var alias = Text(image, "EntityAlias") ?? image.Attribute("Name")?.Value ?? "";
                var columns = Set(Text(image, "Attributes"));
                var imageType = Text(image, "ImageType");
                if (imageType is "0" or "2") stepImages.Add(new StepImage(StepImageKind.Pre, alias, columns));
                if (imageType is "1" or "2") stepImages.Add(new StepImage(StepImageKind.Post, alias, columns));
                if (imageType is not ("0" or "1" or "2")) Problem(Customizations, $"{component} image {image.Attribute("Name")?.Value}", $"ImageType '{imageType}' is not 0 (pre), 1 (post) or 2 (both)");
            }
            if (message != null)
            {
                foreach (var image in images.Where(i => Text(i, "MessagePropertyName") != SdkMessageIds.ImagePropertyName(message)))
                    Problem(Customizations, $"{component} image {image.Attribute("Name")?.Value}", $"MessagePropertyName '{Text(image, "MessagePropertyName")}' is not the {message} message's '{SdkMessageIds.ImagePropertyName(message)}'");
            }
            if (problems.Count > before || type == null || message == null) continue;
            var step = new PluginStep
            {
                PluginType = type, Message = message, PrimaryEntity = table,
                Stage = Int(element, "Stage") ?? 0, Mode = Int(element, "Mode") ?? 0, Rank = Int(element, "Rank") ?? 1,
                FilteringAttributes = Set(Text(element, "FilteringAttributes")),
                Images = stepImages,
                UnsecureConfiguration = Text(element, "Configuration"),
                RunAsUserName = Text(element, "ImpersonatingUserIdName"),
                // AsyncAutoDelete only means something for an asynchronous step.
                DeleteAsyncOperationOnSuccess = Int(element, "Mode") != 1 || Text(element, "AsyncAutoDelete") != "0",
            };
            if (StepRegistry.Refusal(step) is { } refusal)
            {
                Problem(Customizations, component, refusal);
                continue;
            }
            if (!step.AnyEntity)
            {
                if (metadata.Find(table) is not { } target)
                {
                    Problem(Customizations, component, $"table '{table}' is not in the solution or the platform tables the emulator models");
                    continue;
                }
                var used = step.Images.Select(i => i.Attributes).Append(step.FilteringAttributes).OfType<IReadOnlySet<string>>().SelectMany(c => c);
                foreach (var column in used.Where(c => !target.HasColumn(c)).Distinct()) Problem(Customizations, component, $"column '{column}' is not a column of {table}");
            }
            steps.Add(step);
        }
        return steps;
    }

    // ---- custom APIs and environment variables ----

    private (List<CustomApiRegistration> Handled, List<CustomApiDefinition> Declared) CustomApis(Dictionary<Guid, string> typeIds, MetadataRegistry metadata)
    {
        var apis = new List<CustomApiRegistration>();
        var declared = new List<CustomApiDefinition>();
        foreach (var (file, folder) in Files(CustomApiFile()))
        {
            var api = Xml(file);
            if (api == null) continue;
            var name = api.Attribute("uniquename")?.Value ?? folder;
            var component = $"custom API {name}";
            var binding = Int(api, "bindingtype") ?? 0;
            var bound = Text(api, "boundentitylogicalname") is { Length: > 0 } b ? b : null;
            if (binding != 0 && (bound == null || metadata.Find(bound) == null)) Problem(file, component, $"bound table '{bound}' is not in the solution or the platform tables the emulator models");
            if (!Enum.IsDefined(typeof(CustomApiBinding), binding)) Problem(file, component, $"binding type '{binding}' is not 0 (global), 1 (entity) or 2 (entity collection)");
            var typeId = api.Element("plugintypeid")?.Element("plugintypeid")?.Value ?? Text(api, "plugintypeexportkey");
            string? typeName = null;
            // An API without a plug-in link has no main operation to run: it is declared, not handled.
            if (!string.IsNullOrEmpty(typeId) && (!Guid.TryParse(typeId, out var id) || !typeIds.TryGetValue(id, out typeName)))
            {
                Problem(file, component, $"plug-in type id '{typeId}' is not a plug-in type of the solution's assemblies");
            }
            declared.Add(new CustomApiDefinition
            {
                UniqueName = name, DisplayName = Localized(api, "displayname") ?? name, Description = Localized(api, "description") ?? "",
                PluginType = typeName ?? "", HandlerPending = typeName == null,
                IsFunction = Text(api, "isfunction") == "1", Binding = (CustomApiBinding)binding, BoundEntity = binding == 0 ? null : bound,
                RequestParameters = CustomApiFields(file, component, folder, "customapirequestparameters", "customapirequestparameter"),
                ResponseProperties = CustomApiFields(file, component, folder, "customapiresponseproperties", "customapiresponseproperty"),
            });
            if (typeName == null) continue;
            if (!pluginTypes.TryGetValue(typeName, out var type))
            {
                Problem(file, component, $"plug-in type '{typeName}' is not in the loaded plug-in assemblies");
                continue;
            }
            apis.Add(new CustomApiRegistration(name, type, Text(api, "isfunction") == "1", binding == 0 ? null : bound,
                Text(api, "executeprivilegename") is { Length: > 0 } privilege ? privilege : null));
        }
        return (apis, declared);
    }

    /// <summary>
    /// A custom API's request parameters or response properties
    /// (customapis/API/customapirequestparameters/P/customapirequestparameter.xml and the response-property twin).
    /// </summary>
    private List<CustomApiField> CustomApiFields(string apiFile, string component, string apiFolder, string folder, string element)
    {
        var prefix = $"customapis/{apiFolder}/{folder}/";
        var fields = new List<CustomApiField>();
        foreach (var file in entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith($"/{element}.xml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var field = Xml(file);
            if (field == null) continue;
            var name = field.Attribute("uniquename")?.Value;
            var type = Int(field, "type");
            if (string.IsNullOrEmpty(name) || type is not { } t || !Enum.IsDefined(typeof(CustomApiFieldType), t))
            {
                Problem(file, component, $"{element} needs a uniquename and a type 0-12 (customapifieldtype)");
                continue;
            }
            fields.Add(new CustomApiField
            {
                UniqueName = name, DisplayName = Localized(field, "displayname") ?? name, Description = Localized(field, "description") ?? "",
                Type = (CustomApiFieldType)t,
                EntityLogicalName = Text(field, "logicalentityname") is { Length: > 0 } table ? table : null,
                IsOptional = Text(field, "isoptional") == "1",
            });
        }
        if (fields.Count == 0 && entries.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal))) Problem(apiFile, component, $"{folder} has files but no {element}.xml");
        return fields;
    }

    private List<EnvironmentVariableSeed> EnvironmentVariables()
    {
        var variables = new List<EnvironmentVariableSeed>();
        foreach (var (file, folder) in Files(EnvironmentVariableFile()))
        {
            var variable = Xml(file);
            if (variable == null) continue;
            var name = variable.Attribute("schemaname")?.Value ?? folder;
            var type = Int(variable, "type");
            if (type is not (>= 100000000 and <= 100000005))
            {
                Problem(file, $"environment variable {name}", $"type '{Text(variable, "type")}' is not an environment variable type (100000000-100000005)");
                continue;
            }
            variables.Add(new EnvironmentVariableSeed(name, variable.Element("displayname")?.Attribute("default")?.Value ?? name,
                variable.Element("description")?.Attribute("default")?.Value, type.Value, Text(variable, "defaultvalue")));
        }
        return variables;
    }

    [GeneratedRegex("^customapis/([^/]+)/customapi\\.xml$")]
    private static partial Regex CustomApiFile();

    [GeneratedRegex("^environmentvariabledefinitions/([^/]+)/environmentvariabledefinition\\.xml$")]
    private static partial Regex EnvironmentVariableFile();

    private IEnumerable<(string File, string Folder)> Files(Regex pattern) =>
        entries.Keys.Order(StringComparer.Ordinal).Select(k => pattern.Match(k)).Where(m => m.Success).Select(m => (m.Value, m.Groups[1].Value)).ToList();

    // ---- small readers ----

    private static string? Text(XElement parent, string name) => parent.Element(name)?.Value;

    /// <summary>A localized element's default text (<c>&lt;description default="…"&gt;</c>).</summary>
    private static string? Localized(XElement parent, string name) => parent.Element(name)?.Attribute("default")?.Value;

    private static string? Label(XElement? container, string item) => container?.Elements(item).FirstOrDefault()?.Attribute("description")?.Value;

    private static int? Int(XElement parent, string name) =>
        int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Decimal(XElement parent, string name) =>
        decimal.TryParse(Text(parent, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int IntAttribute(XElement element, string name) => OptionalIntAttribute(element, name) ?? 0;

    private static int? OptionalIntAttribute(XElement element, string name) =>
        int.TryParse(element.Attribute(name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static HashSet<string>? Set(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated)
            ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

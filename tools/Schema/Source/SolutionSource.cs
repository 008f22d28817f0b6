using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.Core;
using Version = System.Version;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PatientJourney.Crm.Schema.Source;

/// <summary>
/// Reads the solution's declarative source (Solution/): solution.yaml, choices/*.yaml, tables/*.yaml,
/// environment-variables.yaml, customapis/*.yaml, app.yaml, security/roles.yaml and security/field-security.yaml.
/// Every problem is reported with the file and the element it is in; all problems are collected before failing.
/// </summary>
public static class SolutionSource
{
    /// <summary>Tables outside the solution that lookups may point to.</summary>
    private static readonly Dictionary<string, string> PlatformLookupTargets = new(StringComparer.Ordinal)
    {
        ["systemuser"] = "SystemUser",
        ["team"] = "Team",
        ["account"] = "Account",
        ["businessunit"] = "BusinessUnit",
    };

    public static SolutionDefinition Load(string folder)
    {
        var reader = new Reader(Path.GetFullPath(folder));
        return reader.Load();
    }

    private sealed class Reader(string root)
    {
        private readonly List<SourceError> errors = [];
        private readonly IDeserializer yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

        public SolutionDefinition Load()
        {
            var solutionFile = Read<SolutionFile>("solution.yaml") ?? new SolutionFile();
            var publisher = BuildPublisher(solutionFile.Publisher);
            var version = ParseVersion(solutionFile.Version);

            var globalChoices = Files("choices").Select(f => (f, Read<ChoiceFile>(f))).Where(p => p.Item2 != null)
                .Select(p => BuildGlobalChoice(p.f, p.Item2!, publisher)).ToList();

            var profileFiles = Read<List<FieldSecurityProfileFile>>("security/field-security.yaml") ?? [];
            var secured = profileFiles.SelectMany(p => p.Columns.SelectMany(t => t.Value.Keys.Select(c => (t.Key, c)))).ToHashSet();

            var tableFiles = Files("tables").Select(f => (file: f, content: Read<TableFile>(f))).Where(p => p.content != null).ToList();
            var tableNames = tableFiles.Select(t => t.content!.Table?.ToLowerInvariant()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var relationships = new List<RelationshipDefinition>();
            var tables = tableFiles.Select(t => BuildTable(t.file, t.content!, publisher, globalChoices, secured, tableNames, relationships)).ToList();
            var schema = new SolutionSchema { Tables = tables, Relationships = relationships, GlobalChoices = globalChoices };
            CheckDuplicates(tables.Select(t => t.LogicalName), "tables", "table");
            CheckDuplicates(relationships.Select(r => r.SchemaName), "tables", "relationship");

            var variables = (Read<List<EnvironmentVariableFile>>("environment-variables.yaml") ?? []).Select(BuildVariable).ToList();
            CheckDuplicates(variables.Select(v => v.SchemaName), "environment-variables.yaml", "environment variable");
            var apis = Files("customapis").Select(f => (f, Read<CustomApiFile>(f))).Where(p => p.Item2 != null)
                .Select(p => BuildCustomApi(p.f, p.Item2!, schema)).ToList();
            CheckDuplicates(apis.Select(a => a.UniqueName), "customapis", "custom API");
            var roles = (Read<List<RoleFile>>("security/roles.yaml") ?? []).Select(r => BuildRole(r, schema)).ToList();
            CheckDuplicates(roles.Select(r => r.Name), "security/roles.yaml", "role");
            var roleNames = roles.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var profiles = profileFiles.Select(p => BuildProfile(p, schema, roleNames)).ToList();
            var charts = (Read<List<ChartFile>>("charts.yaml") ?? []).Select(c => BuildChart(c, schema)).ToList();
            CheckDuplicates(charts.Select(c => $"{c.Table}/{c.Name}"), "charts.yaml", "chart");
            var dashboards = (Read<List<DashboardFile>>("dashboards.yaml") ?? []).Select(d => BuildDashboard(d, schema, charts)).ToList();
            CheckDuplicates(dashboards.Select(d => d.Name), "dashboards.yaml", "dashboard");
            var controls = (Read<List<ControlFile>>("controls/controls.yaml") ?? []).Select(c => BuildControl(c, schema, publisher)).ToList();
            CheckDuplicates(controls.Select(c => c.Name), "controls/controls.yaml", "control");
            var appFile = Read<AppFile>("app.yaml");
            var app = appFile == null ? null : BuildApp(appFile, schema, roleNames, dashboards.Select(d => d.Name).ToHashSet(StringComparer.Ordinal));

            if (errors.Count > 0) throw new SolutionSourceException(errors);
            return new SolutionDefinition
            {
                UniqueName = Required(solutionFile.UniqueName, "solution.yaml", "uniqueName"),
                DisplayName = Required(solutionFile.DisplayName, "solution.yaml", "displayName"),
                Description = solutionFile.Description,
                Version = version,
                Publisher = publisher,
                Schema = schema,
                EnvironmentVariables = variables,
                CustomApis = apis,
                App = app,
                Roles = roles,
                FieldSecurityProfiles = profiles,
                Charts = charts,
                Dashboards = dashboards,
                Controls = controls,
            };
        }

        private IEnumerable<string> Files(string subfolder)
        {
            var dir = Path.Combine(root, subfolder);
            if (!Directory.Exists(dir)) return [];
            return Directory.GetFiles(dir, "*.yaml").Select(f => subfolder + "/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);
        }

        private T? Read<T>(string relativePath) where T : class
        {
            var path = Path.Combine(root, relativePath);
            if (!File.Exists(path))
            {
                if (relativePath == "solution.yaml") Error(relativePath, "(file)", "missing");
                return null;
            }
            try
            {
                return yaml.Deserialize<T>(File.ReadAllText(path));
            }
            catch (YamlException e)
            {
                var cause = e.InnerException?.Message ?? e.Message;
                Error(relativePath, $"line {e.Start.Line}, column {e.Start.Column}", cause);
                return null;
            }
        }

        private void Error(string file, string element, string message) => errors.Add(new SourceError(file, element, message));

        private void CheckDuplicates(IEnumerable<string> names, string file, string kind)
        {
            foreach (var dup in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                Error(file, $"{kind} {dup.Key}", "declared more than once");
        }

        private string Required(string? value, string file, string element)
        {
            if (string.IsNullOrWhiteSpace(value)) { Error(file, element, "is required"); return ""; }
            return value;
        }

        private Version ParseVersion(string? text)
        {
            if (text != null && Version.TryParse(text, out var v) && v.Revision >= 0) return v;
            Error("solution.yaml", "version", $"'{text}' is not a four-part version (e.g. 1.0.0.0)");
            return new Version(0, 0, 0, 0);
        }

        private PublisherDefinition BuildPublisher(PublisherFile? file)
        {
            const string f = "solution.yaml";
            file ??= new PublisherFile();
            if (file.OptionValuePrefix is < 10000 or > 99999) Error(f, "publisher.optionValuePrefix", "must be a number from 10000 to 99999");
            var prefix = Required(file.Prefix, f, "publisher.prefix");
            return new PublisherDefinition
            {
                UniqueName = Required(file.UniqueName, f, "publisher.uniqueName"),
                DisplayName = Required(file.DisplayName, f, "publisher.displayName"),
                Description = file.Description,
                Prefix = prefix,
                OptionValuePrefix = file.OptionValuePrefix,
            };
        }

        private List<ChoiceOption> BuildOptions(string file, string element, List<OptionFile> options, PublisherDefinition publisher)
        {
            if (options.Count == 0) Error(file, element, "has no options");
            foreach (var o in options.Where(o => o.Value < publisher.FirstOptionValue || o.Value > publisher.LastOptionValue))
                Error(file, $"{element} option {o.Value}", $"value outside the publisher's option-value range {publisher.FirstOptionValue}–{publisher.LastOptionValue}");
            foreach (var dup in options.GroupBy(o => o.Value).Where(g => g.Count() > 1))
                Error(file, $"{element} option {dup.Key}", "value used more than once");
            return options.Select(o => new ChoiceOption { Value = o.Value, Label = Required(o.Label, file, $"{element} option {o.Value} label"), Description = o.Description }).ToList();
        }

        private ChoiceDefinition BuildGlobalChoice(string file, ChoiceFile choice, PublisherDefinition publisher)
        {
            var name = Required(choice.Name, file, "name");
            return new ChoiceDefinition
            {
                Name = name,
                DisplayName = choice.DisplayName,
                IsGlobal = true,
                Options = BuildOptions(file, $"choice {name}", choice.Options, publisher),
            };
        }

        private TableDefinition BuildTable(string file, TableFile t, PublisherDefinition publisher, List<ChoiceDefinition> globalChoices,
            HashSet<(string Table, string Column)> secured, HashSet<string> tableNames, List<RelationshipDefinition> relationships)
        {
            var schemaName = Required(t.Table, file, "table");
            var logical = schemaName.ToLowerInvariant();
            var columns = new List<ColumnDefinition>();
            string primaryId;
            string? primaryName = null;
            if (t.Platform)
            {
                primaryId = Required(t.PrimaryId, file, "primaryId");
                columns.AddRange(t.PlatformColumns.Select(c => BuildColumn(file, logical, c, isCustom: false)));
                if (t.PrimaryName != null) Error(file, "primaryName", "platform tables keep their own primary name column");
                // Importing a table description changes the shared system table in every app of the organisation.
                if (t.Description != null) Error(file, "description", "platform tables keep the platform's description; say what the solution adds in a comment, and name the rows in shownAs");
            }
            else
            {
                primaryId = logical + "id";
                if (t.PlatformColumns.Count > 0) Error(file, "platformColumns", "only platform tables list platform columns");
                columns.AddRange(SystemColumns.For(t.Table ?? "", t.DisplayName ?? ""));
                if (t.PrimaryName == null) Error(file, "primaryName", "is required for a custom table");
                else
                {
                    t.PrimaryName.Type ??= "text";
                    var name = BuildColumn(file, logical, t.PrimaryName, isCustom: true, isPrimaryName: true);
                    primaryName = name.LogicalName;
                    columns.Add(name);
                }
            }
            columns.AddRange(t.Columns.Select(c => BuildColumn(file, logical, c, isCustom: true)));
            CheckDuplicates(columns.Select(c => c.LogicalName), file, "column");
            var known = columns.Select(c => c.LogicalName).ToHashSet(StringComparer.Ordinal);
            void CheckColumns(IEnumerable<string> names, string element)
            {
                foreach (var n in names.Where(n => !known.Contains(n))) Error(file, element, $"column '{n}' is not a column of {logical}");
            }

            var keys = t.Keys.Select(k =>
            {
                var keyName = Required(k.Name, file, "keys.name");
                CheckColumns(k.Columns, $"key {keyName}");
                return new AlternateKeyDefinition { LogicalName = keyName.ToLowerInvariant(), DisplayName = k.DisplayName, Columns = k.Columns };
            }).ToList();
            var sections = t.Form.Select(s =>
            {
                var label = Required(s.Section, file, "form.section");
                CheckColumns(s.Columns, $"form section '{label}'");
                return new FormSection { Label = label, Columns = s.Columns };
            }).ToList();
            CheckColumns(t.ViewColumns, "viewColumns");
            CheckColumns(t.QuickFind, "quickFind");
            var views = t.Views.Select(v => BuildView(file, v, CheckColumns)).ToList();

            foreach (var c in t.Columns.Where(c => c.Type is "lookup"))
            {
                var column = columns.First(x => x.SchemaName == c.Name);
                var target = c.Target ?? "";
                if (!tableNames.Contains(target) && !PlatformLookupTargets.ContainsKey(target))
                    Error(file, $"column {c.Name}", $"lookup target '{target}' is neither a table of the solution nor a known platform table");
                relationships.Add(new RelationshipDefinition
                {
                    SchemaName = c.Relationship ?? $"{publisher.Prefix}_{Unprefixed(target, publisher)}_{Unprefixed(logical, publisher)}_{Unprefixed(column.LogicalName, publisher)}",
                    ReferencedTable = target,
                    ReferencingTable = logical,
                    ReferencingColumn = column.LogicalName,
                    OnDelete = ParseDeleteBehavior(file, c),
                    OnAssign = ParseCascade(file, c),
                });
            }

            var audited = columns.Any(c => c.IsAudited);
            return new TableDefinition
            {
                LogicalName = logical,
                SchemaName = schemaName,
                DisplayName = Required(t.DisplayName, file, "displayName"),
                PluralName = Required(t.PluralName, file, "pluralName"),
                Description = t.Description,
                AppDisplayName = t.ShownAs?.Name ?? t.DisplayName,
                AppPluralName = t.ShownAs?.PluralName ?? t.PluralName,
                IsCustom = !t.Platform,
                IsActivity = t.Activity,
                PrimaryIdColumn = primaryId,
                PrimaryNameColumn = primaryName,
                Columns = columns,
                Keys = keys,
                IsAudited = t.Audit ?? audited,
                FormSections = sections,
                ViewColumns = t.ViewColumns,
                QuickFindColumns = t.QuickFind,
                Views = views,
            };

            ColumnDefinition BuildColumn(string f, string table, ColumnFile c, bool isCustom, bool isPrimaryName = false)
            {
                var name = Required(c.Name, f, "column name");
                var element = $"column {name}";
                var columnLogical = name.ToLowerInvariant();
                var classification = ParseClassification(f, element, c.Classification, required: isCustom);
                var type = ParseColumnType(f, element, c.Type);
                ChoiceDefinition? choice = null;
                if (type is ColumnType.Choice or ColumnType.MultiChoice)
                {
                    if (c.Choice != null)
                    {
                        choice = globalChoices.FirstOrDefault(g => g.Name == c.Choice);
                        if (choice == null) Error(f, element, $"global choice '{c.Choice}' is not declared under choices/");
                        if (c.Options.Count > 0) Error(f, element, "give either a global choice or options, not both");
                    }
                    else choice = new ChoiceDefinition { Name = $"{table}_{columnLogical}", DisplayName = c.DisplayName, Options = BuildOptions(f, element, c.Options, publisher) };
                }
                else if (type == ColumnType.Boolean)
                    choice = new ChoiceDefinition { Name = $"{table}_{columnLogical}", DisplayName = c.DisplayName, Options = [new() { Value = 0, Label = "No" }, new() { Value = 1, Label = "Yes" }] };
                else if (c.Options.Count > 0 || c.Choice != null) Error(f, element, "only choice columns have options");
                if (type == ColumnType.Lookup && c.Target == null) Error(f, element, "a lookup needs a target table");
                if (type != ColumnType.Lookup && (c.Target != null || c.OnDelete != null || c.OnAssign != null)) Error(f, element, "only lookups have a target, onDelete and onAssign");
                if (type != ColumnType.DateTime && c.Behavior != null) Error(f, element, "only date columns have a behavior");
                return new ColumnDefinition
                {
                    LogicalName = columnLogical,
                    SchemaName = name,
                    Type = type,
                    DisplayName = isCustom ? Required(c.DisplayName, f, $"{element} displayName") : c.DisplayName,
                    Description = c.Description,
                    RequiredLevel = ParseRequired(f, element, c.Required),
                    Classification = classification,
                    MaxLength = c.MaxLength ?? type switch { ColumnType.String => 100, ColumnType.Memo => 4000, _ => null },
                    Precision = c.Precision ?? type switch { ColumnType.Decimal or ColumnType.Double or ColumnType.Money => 2, _ => null },
                    MinValue = c.Min,
                    MaxValue = c.Max,
                    Format = c.Type == "date" || c.Behavior == "dateOnly" ? "date" : type == ColumnType.DateTime ? "datetime" : c.Format ?? (type is ColumnType.String or ColumnType.Memo ? "text" : null),
                    Targets = c.Target == null ? [] : [c.Target],
                    Choice = choice,
                    IsCustom = isCustom,
                    IsPrimaryName = isPrimaryName,
                    IsReadOnly = c.ReadOnly,
                    IsAudited = c.Audit ?? classification != DataClassification.Operational,
                    IsSecured = secured.Contains((table, columnLogical)),
                    DateTimeBehavior = ParseDateBehavior(f, element, c),
                };
            }
        }

        private static string Unprefixed(string name, PublisherDefinition publisher) =>
            name.StartsWith(publisher.Prefix + "_", StringComparison.Ordinal) ? name[(publisher.Prefix.Length + 1)..] : name;

        private ViewDefinition BuildView(string file, ViewFile v, Action<IEnumerable<string>, string> checkColumns)
        {
            var name = Required(v.Name, file, "views.name");
            var element = $"view '{name}'";
            checkColumns(v.Columns, element);
            checkColumns(v.AllOf.Concat(v.AnyOf).Select(c => c.Column ?? ""), element);
            if (v.OrderBy != null) checkColumns([v.OrderBy], element);
            ViewCondition Condition(ConditionFile c) => new()
            {
                Column = c.Column ?? "",
                Operator = Required(c.Operator, file, $"{element} condition on {c.Column}"),
                Value = c.Value,
                Values = c.Values,
            };
            return new ViewDefinition
            {
                Name = name,
                Description = v.Description,
                Columns = v.Columns,
                AllOf = v.AllOf.Select(Condition).ToList(),
                AnyOf = v.AnyOf.Select(Condition).ToList(),
                OrderBy = v.OrderBy,
                Descending = v.Descending,
                IncludeInactive = v.IncludeInactive,
            };
        }

        private ColumnType ParseColumnType(string file, string element, string? type)
        {
            switch (type)
            {
                case "text": return ColumnType.String;
                case "memo": return ColumnType.Memo;
                case "integer": return ColumnType.Integer;
                case "bigint": return ColumnType.BigInt;
                case "decimal": return ColumnType.Decimal;
                case "double": return ColumnType.Double;
                case "money": return ColumnType.Money;
                case "boolean": return ColumnType.Boolean;
                case "datetime" or "date": return ColumnType.DateTime;
                case "choice": return ColumnType.Choice;
                case "choices": return ColumnType.MultiChoice;
                case "lookup": return ColumnType.Lookup;
                case "customer": return ColumnType.Customer;
                case "uniqueidentifier": return ColumnType.UniqueIdentifier;
                case "primarykey": return ColumnType.PrimaryKey;
                case "owner": return ColumnType.Owner;
                case "state": return ColumnType.State;
                case "status": return ColumnType.Status;
                default:
                    Error(file, element, $"unknown type '{type}' (text, memo, integer, bigint, decimal, double, money, boolean, datetime, date, choice, choices, lookup, customer, uniqueidentifier)");
                    return ColumnType.String;
            }
        }

        private DataClassification ParseClassification(string file, string element, string? value, bool required)
        {
            switch (value)
            {
                case "operational": return DataClassification.Operational;
                case "patient": return DataClassification.PatientIdentifying;
                case "clinical": return DataClassification.ClinicalFreeText;
                case null when !required: return DataClassification.Operational;
                default:
                    Error(file, element, $"classification '{value}' must be operational, patient or clinical");
                    return DataClassification.Operational;
            }
        }

        private RequiredLevel ParseRequired(string file, string element, string? value)
        {
            switch (value)
            {
                case null or "none": return RequiredLevel.None;
                case "recommended": return RequiredLevel.Recommended;
                case "application": return RequiredLevel.ApplicationRequired;
                case "system": return RequiredLevel.SystemRequired;
                default:
                    Error(file, element, $"required '{value}' must be none, recommended, application or system");
                    return RequiredLevel.None;
            }
        }

        private CascadeType ParseCascade(string file, ColumnFile c)
        {
            switch (c.OnAssign)
            {
                case null or "noCascade": return CascadeType.NoCascade;
                case "cascade": return CascadeType.Cascade;
                case "active": return CascadeType.Active;
                case "userOwned": return CascadeType.UserOwned;
                default:
                    Error(file, $"column {c.Name}", $"onAssign '{c.OnAssign}' must be cascade, active, userOwned or noCascade");
                    return CascadeType.NoCascade;
            }
        }

        private DateTimeBehavior ParseDateBehavior(string file, string element, ColumnFile c)
        {
            switch (c.Behavior)
            {
                case null or "userLocal": return DateTimeBehavior.UserLocal;
                case "dateOnly": return DateTimeBehavior.DateOnly;
                case "timeZoneIndependent": return DateTimeBehavior.TimeZoneIndependent;
                default:
                    Error(file, element, $"behavior '{c.Behavior}' must be userLocal, dateOnly or timeZoneIndependent");
                    return DateTimeBehavior.UserLocal;
            }
        }

        private DeleteBehavior ParseDeleteBehavior(string file, ColumnFile c)
        {
            switch (c.OnDelete)
            {
                case null or "removeLink": return DeleteBehavior.RemoveLink;
                case "restrict": return DeleteBehavior.Restrict;
                case "cascade": return DeleteBehavior.Cascade;
                default:
                    Error(file, $"column {c.Name}", $"onDelete '{c.OnDelete}' must be removeLink, restrict or cascade");
                    return DeleteBehavior.RemoveLink;
            }
        }

        private EnvironmentVariableDefinition BuildVariable(EnvironmentVariableFile v)
        {
            const string file = "environment-variables.yaml";
            var name = Required(v.SchemaName, file, "schemaName");
            var element = $"variable {name}";
            var type = v.Type switch
            {
                "string" => EnvironmentVariableType.String,
                "number" => EnvironmentVariableType.Number,
                "boolean" => EnvironmentVariableType.Boolean,
                "json" => EnvironmentVariableType.Json,
                _ => Invalid(),
            };
            EnvironmentVariableType Invalid()
            {
                Error(file, element, $"type '{v.Type}' must be string, number, boolean or json");
                return EnvironmentVariableType.String;
            }
            // A string variable may default to empty (e.g. no holidays); every other type needs a value.
            var value = type == EnvironmentVariableType.String && v.Default != null ? v.Default : Required(v.Default, file, $"{element} default");
            var valid = type switch
            {
                EnvironmentVariableType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
                EnvironmentVariableType.Boolean => value is "yes" or "no",
                EnvironmentVariableType.Json => IsJson(value),
                _ => true,
            };
            if (!valid) Error(file, element, $"default '{value}' is not a valid {v.Type} (booleans are yes/no)");
            return new EnvironmentVariableDefinition
            {
                SchemaName = name,
                DisplayName = Required(v.DisplayName, file, $"{element} displayName"),
                Description = Required(v.Description, file, $"{element} description"),
                Type = type,
                DefaultValue = value,
            };
        }

        private static bool IsJson(string text)
        {
            try { using var _ = JsonDocument.Parse(text); return true; }
            catch (JsonException) { return false; }
        }

        private CustomApiDefinition BuildCustomApi(string file, CustomApiFile a, SolutionSchema schema)
        {
            var name = Required(a.UniqueName, file, "uniqueName");
            if (a.Kind is not ("action" or "function")) Error(file, "kind", $"'{a.Kind}' must be action or function");
            if (a.BoundTo != null && schema.Table(a.BoundTo) == null) Error(file, "boundTo", $"'{a.BoundTo}' is not a table of the solution");
            CustomApiField Field(CustomApiFieldFile p, string list)
            {
                var fieldName = Required(p.Name, file, $"{list} name");
                var element = $"{list} {fieldName}";
                if (!Enum.TryParse<CustomApiFieldType>(p.Type, ignoreCase: true, out var type) || int.TryParse(p.Type, out _))
                    Error(file, element, $"type '{p.Type}' is not a custom API field type");
                var needsTable = type is CustomApiFieldType.Entity or CustomApiFieldType.EntityReference or CustomApiFieldType.EntityCollection;
                if (needsTable && p.Table != null && schema.Table(p.Table) == null) Error(file, element, $"table '{p.Table}' is not a table of the solution");
                if (!needsTable && p.Table != null) Error(file, element, "only entity types name a table");
                if (list == "response" && p.Optional) Error(file, element, "response properties cannot be optional");
                return new CustomApiField
                {
                    UniqueName = fieldName,
                    DisplayName = Required(p.DisplayName, file, $"{element} displayName"),
                    Description = Required(p.Description, file, $"{element} description"),
                    Type = type,
                    EntityLogicalName = p.Table,
                    IsOptional = p.Optional,
                };
            }
            return new CustomApiDefinition
            {
                UniqueName = name,
                DisplayName = Required(a.DisplayName, file, "displayName"),
                Description = Required(a.Description, file, "description"),
                IsFunction = a.Kind == "function",
                Binding = a.BoundTo == null ? CustomApiBinding.Global : CustomApiBinding.Entity,
                BoundEntity = a.BoundTo,
                PluginType = Required(a.PluginType, file, "pluginType"),
                HandlerPending = a.HandlerPending,
                RequestParameters = a.Request.Select(p => Field(p, "request")).ToList(),
                ResponseProperties = a.Response.Select(p => Field(p, "response")).ToList(),
            };
        }

        private PrivilegeDepth ParseDepth(string file, string element, string value)
        {
            switch (value)
            {
                case "user": return PrivilegeDepth.User;
                case "businessUnit": return PrivilegeDepth.BusinessUnit;
                case "parentChild": return PrivilegeDepth.ParentChildBusinessUnits;
                case "organization": return PrivilegeDepth.Organization;
                default:
                    Error(file, element, $"depth '{value}' must be user, businessUnit, parentChild or organization");
                    return PrivilegeDepth.User;
            }
        }

        private RoleDefinition BuildRole(RoleFile r, SolutionSchema schema)
        {
            const string file = "security/roles.yaml";
            var name = Required(r.Name, file, "role name");
            var privileges = new List<TablePrivilege>();
            foreach (var (table, accesses) in r.Tables)
            {
                var element = $"role '{name}' table {table}";
                if (schema.Table(table) == null) Error(file, element, "is not a table of the solution");
                foreach (var (access, depthText) in accesses)
                {
                    var depth = ParseDepth(file, element, depthText);
                    if (access == "all") privileges.AddRange(Enum.GetValues<PrivilegeAccess>().Select(a => new TablePrivilege { Table = table, Access = a, Depth = depth }));
                    else if (Enum.TryParse<PrivilegeAccess>(access, ignoreCase: true, out var a) && !int.TryParse(access, out _))
                        privileges.Add(new TablePrivilege { Table = table, Access = a, Depth = depth });
                    else Error(file, element, $"access '{access}' must be create, read, write, delete, append, appendTo, assign, share or all");
                }
            }
            foreach (var dup in privileges.GroupBy(p => (p.Table, p.Access)).Where(g => g.Count() > 1))
                Error(file, $"role '{name}' table {dup.Key.Table}", $"{dup.Key.Access} given more than once");
            var system = new SortedDictionary<string, PrivilegeDepth>(StringComparer.Ordinal);
            foreach (var (privilege, depth) in r.System)
            {
                if (!privilege.StartsWith("prv", StringComparison.Ordinal)) Error(file, $"role '{name}' system {privilege}", "privilege names start with prv");
                system[privilege] = ParseDepth(file, $"role '{name}' system {privilege}", depth);
            }
            return new RoleDefinition { Name = name, Description = r.Description, TablePrivileges = privileges, SystemPrivileges = system };
        }

        private FieldSecurityProfileDefinition BuildProfile(FieldSecurityProfileFile p, SolutionSchema schema, HashSet<string> roles)
        {
            const string file = "security/field-security.yaml";
            var name = Required(p.Name, file, "profile name");
            foreach (var role in p.GrantedTo.Where(r => !roles.Contains(r))) Error(file, $"profile '{name}' grantedTo", $"role '{role}' is not declared in security/roles.yaml");
            var permissions = new List<FieldPermissionDefinition>();
            foreach (var (table, columns) in p.Columns)
            {
                foreach (var (column, access) in columns)
                {
                    var element = $"profile '{name}' column {table}.{column}";
                    if (schema.Table(table)?.Column(column) == null) Error(file, element, "is not a column of the solution");
                    if (access is not ("read" or "readwrite")) Error(file, element, $"access '{access}' must be read or readwrite");
                    var write = access == "readwrite";
                    permissions.Add(new FieldPermissionDefinition { Table = table, Column = column, CanRead = true, CanCreate = write, CanUpdate = write });
                }
            }
            return new FieldSecurityProfileDefinition { Name = name, Description = p.Description, Permissions = permissions, GrantedToRoles = p.GrantedTo };
        }

        private ChartDefinition BuildChart(ChartFile c, SolutionSchema schema)
        {
            const string file = "charts.yaml";
            var name = Required(c.Name, file, "chart name");
            var element = $"chart '{name}'";
            var table = schema.Table(c.Table ?? "");
            if (table == null) Error(file, element, $"table '{c.Table}' is not a table of the solution");
            var kind = c.Kind switch
            {
                "column" => ChartKind.Column,
                "bar" => ChartKind.Bar,
                "pie" => ChartKind.Pie,
                "stackedColumn" => ChartKind.StackedColumn,
                _ => Fail(ChartKind.Column, file, element, $"kind '{c.Kind}' must be column, bar, pie or stackedColumn"),
            };
            var expected = kind == ChartKind.StackedColumn ? 2 : 1;
            if (c.GroupBy.Count != expected) Error(file, element, $"a {c.Kind} chart groups by {expected} column(s), not {c.GroupBy.Count}");
            // Charts group rows in FetchXML aggregates, which group only by columns that hold one value (no text, memo or multi-choice).
            foreach (var g in c.GroupBy)
            {
                var column = table?.Column(g);
                if (table != null && column == null) Error(file, element, $"groupBy '{g}' is not a column of {table.LogicalName}");
                else if (column is { Type: ColumnType.Memo or ColumnType.MultiChoice or ColumnType.String }) Error(file, element, $"groupBy '{g}' is a {column.Type} column, which charts cannot group by");
            }
            foreach (var cond in c.AllOf.Where(x => table != null && table.Column(x.Column ?? "") == null))
                Error(file, element, $"condition column '{cond.Column}' is not a column of {table!.LogicalName}");
            return new ChartDefinition
            {
                Name = name,
                Description = c.Description,
                Table = table?.LogicalName ?? c.Table ?? "",
                Kind = kind,
                GroupBy = c.GroupBy,
                AllOf = c.AllOf.Select(x => new ViewCondition { Column = x.Column ?? "", Operator = Required(x.Operator, file, $"{element} condition on {x.Column}"), Value = x.Value, Values = x.Values }).ToList(),
            };
        }

        private DashboardDefinition BuildDashboard(DashboardFile d, SolutionSchema schema, List<ChartDefinition> charts)
        {
            const string file = "dashboards.yaml";
            var name = Required(d.Name, file, "dashboard name");
            if (d.Components.Count == 0) Error(file, $"dashboard '{name}'", "has no components");
            var components = d.Components.Select(c =>
            {
                var element = $"dashboard '{name}' component {c.Table}/{c.View}";
                if (schema.Table(c.Table ?? "") == null) Error(file, element, $"table '{c.Table}' is not a table of the solution");
                if (c.Chart != null && !charts.Any(x => x.Table == c.Table && x.Name == c.Chart)) Error(file, element, $"chart '{c.Chart}' is not declared on {c.Table} in charts.yaml");
                return new DashboardComponent { Table = c.Table ?? "", View = Required(c.View, file, element + " view"), Chart = c.Chart };
            }).ToList();
            return new DashboardDefinition { Name = name, Description = d.Description, Components = components };
        }

        private ControlDefinition BuildControl(ControlFile c, SolutionSchema schema, PublisherDefinition publisher)
        {
            const string file = "controls/controls.yaml";
            var ns = Required(c.Namespace, file, "control namespace");
            var constructor = Required(c.Constructor, file, $"control {ns} constructor");
            // The manifest rules pcf-scripts enforces (pcf-1014): letters, digits and dots; the publisher prefix is added to the solution name.
            if (!System.Text.RegularExpressions.Regex.IsMatch(ns, "^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$"))
                Error(file, $"control {ns}.{constructor}", "namespace may hold only letters, digits and dots (no publisher prefix: the packer adds it)");
            foreach (var b in c.BoundOn.Where(b => schema.Table(b.Table ?? "")?.Column(b.Column ?? "") == null))
                Error(file, $"control {ns}.{constructor} boundOn {b.Table}.{b.Column}", "is not a column of the solution");
            foreach (var b in c.BoundOn.Where(b => schema.Table(b.Table ?? "") is { } t && !t.FormSections.SelectMany(s => s.Columns).Contains(b.Column)))
                Error(file, $"control {ns}.{constructor} boundOn {b.Table}.{b.Column}", "is not on the table's form");
            return new ControlDefinition
            {
                Namespace = ns,
                Constructor = constructor,
                Name = $"{publisher.Prefix}_{ns}.{constructor}",
                Label = Required(c.Label, file, $"control {ns}.{constructor} label"),
                BoundOn = c.BoundOn.Select(b => new ControlBinding { Table = b.Table ?? "", Column = b.Column ?? "" }).ToList(),
            };
        }

        private T Fail<T>(T fallback, string file, string element, string message)
        {
            Error(file, element, message);
            return fallback;
        }

        private AppDefinition BuildApp(AppFile a, SolutionSchema schema, HashSet<string> roles, HashSet<string> dashboards)
        {
            const string file = "app.yaml";
            foreach (var role in a.Roles.Where(r => !roles.Contains(r))) Error(file, "roles", $"role '{role}' is not declared in security/roles.yaml");
            var areas = a.Areas.Select(area => new SiteMapArea
            {
                Id = Required(area.Id, file, "area id"),
                Title = Required(area.Title, file, $"area {area.Id} title"),
                Groups = area.Groups.Select(g =>
                {
                    foreach (var t in g.Tables.Where(t => schema.Table(t) == null)) Error(file, $"area {area.Id} group {g.Id}", $"'{t}' is not a table of the solution");
                    foreach (var d in g.Dashboards.Where(d => !dashboards.Contains(d))) Error(file, $"area {area.Id} group {g.Id}", $"dashboard '{d}' is not declared in dashboards.yaml");
                    return new SiteMapGroup { Id = Required(g.Id, file, $"area {area.Id} group id"), Title = Required(g.Title, file, $"group {g.Id} title"), Tables = g.Tables, Dashboards = g.Dashboards };
                }).ToList(),
            }).ToList();
            CheckDuplicates(areas.Select(x => x.Id), file, "area");
            return new AppDefinition
            {
                UniqueName = Required(a.UniqueName, file, "uniqueName"),
                DisplayName = Required(a.DisplayName, file, "displayName"),
                Description = a.Description,
                Areas = areas,
                Roles = a.Roles,
            };
        }
    }
}

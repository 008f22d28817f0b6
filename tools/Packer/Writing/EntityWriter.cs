using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>
/// Writes &lt;Entity&gt; elements in the exported shape: the table with its columns (a custom table carries the system
/// columns too, as an export does), its main form and its views. Only elements the 9.0.0.2090 schema declares are written.
/// </summary>
internal static class EntityWriter
{
    public const string IntroducedVersion = "1.0.0.0";

    /// <summary>
    /// Form control class ids by column type and format (the platform's standard controls, as real exported forms use
    /// them: e-mail and duration controls seen in the Apollo 2026 export's contact and appointment forms).
    /// </summary>
    private static string ControlClass(ColumnDefinition c) => (c.Type, c.Format) switch
    {
        (ColumnType.String, "email") => "{ADA2203E-B4CD-49be-9DDF-234642B43B52}",
        (ColumnType.Integer, "duration") => "{AA987274-CE4E-4271-A803-66164311A958}",
        _ => ControlClass(c.Type),
    };

    private static string ControlClass(ColumnType type) => type switch
    {
        ColumnType.Memo => "{E0DECE4B-6FC8-4a8f-A065-082708572369}",
        ColumnType.Integer or ColumnType.BigInt => "{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}",
        ColumnType.Decimal => "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}",
        ColumnType.Double => "{0D2C745A-E5A8-4c8f-BA63-C6D3BB604660}",
        ColumnType.Money => "{533B9E00-756B-4312-95A0-DC888637AC78}",
        ColumnType.Boolean => "{B0C6723A-8503-4fd7-BB28-C8A06AC933C2}",
        ColumnType.DateTime => "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}",
        ColumnType.Choice => "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}",
        ColumnType.MultiChoice => "{4AA28AB7-9C13-4F57-A73D-AD894D048B5F}",
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
        ColumnType.State or ColumnType.Status => "{5D68B988-0661-4db2-BC3E-17598AD3BE6C}",
        _ => "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}",
    };

    public static string XmlType(ColumnType type) => type switch
    {
        ColumnType.PrimaryKey => "primarykey",
        ColumnType.UniqueIdentifier => "uniqueidentifier",
        ColumnType.String => "nvarchar",
        ColumnType.Memo => "ntext",
        ColumnType.Integer => "int",
        ColumnType.BigInt => "bigint",
        ColumnType.Decimal => "decimal",
        ColumnType.Double => "float",
        ColumnType.Money => "money",
        ColumnType.Boolean => "bit",
        ColumnType.DateTime => "datetime",
        ColumnType.Choice => "picklist",
        ColumnType.MultiChoice => "multiselectpicklist",
        ColumnType.Lookup => "lookup",
        ColumnType.Customer => "customer",
        ColumnType.Owner => "owner",
        ColumnType.State => "state",
        ColumnType.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// A platform table's form is a new main form of this solution, named as the app shows the rows ("Patient"); the
    /// platform's own forms stay untouched.
    /// </summary>
    public static string MainFormName(TableDefinition table) => table.IsCustom ? "Information" : table.AppDisplayName!;

    public static IEnumerable<Guid> ViewIds(TableDefinition table) => StandardViews(table).Select(v => v.Id).Concat(table.Views.Select(v => ComponentIds.View(table.LogicalName, v.Name)));

    /// <summary>Every view of the table by name: the standard set of a custom table and the declared views.</summary>
    public static IReadOnlyDictionary<string, Guid> ViewNames(TableDefinition table) =>
        StandardViews(table).Select(v => (Name: v.Name, Id: v.Id)).Concat(table.Views.Select(v => (Name: v.Name, Id: ComponentIds.View(table.LogicalName, v.Name))))
            .ToDictionary(v => v.Name, v => v.Id, StringComparer.Ordinal);

    public static XElement Entity(SolutionDefinition solution, TableDefinition table, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var entity = table.IsCustom ? CustomEntity(table, managed, controls) : PlatformShell(table, managed, controls);
        entity.Element("SavedQueries")!.AddAfterSelf(InsightWriters.Visualizations(solution, table));
        return entity;
    }

    private static XElement Attributes(TableDefinition table) => new("attributes", table.Columns.Where(c => table.IsCustom || c.IsCustom)
        .OrderBy(c => c.SchemaName, StringComparer.OrdinalIgnoreCase).Select(c => Attribute(table, c)));

    private static XElement CustomEntity(TableDefinition table, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var info = new XElement("entity", new XAttribute("Name", table.SchemaName!),
            Xml.Localized("LocalizedNames", "LocalizedName", table.DisplayName!),
            Xml.Localized("LocalizedCollectionNames", "LocalizedCollectionName", table.PluralName!),
            Xml.Descriptions(table.Description),
            Attributes(table),
            new XElement("EntitySetName", table.EntitySetName),
            Xml.Flag("IsAuditEnabled", table.IsAudited),
            CustomTableSettings());
        return Entity(table, managed, controls, table.DisplayName!, table.DisplayName!, info);
    }

    /// <summary>
    /// A platform table as real exports write a shell (Apollo 2026 export, Entities/Contact/Entity.xml): the table's own
    /// name with an empty OriginalName, and only what the solution adds - its columns, keys, form and views. No names,
    /// description or table settings: importing those would change the shared table in every app of the organisation.
    /// </summary>
    private static XElement PlatformShell(TableDefinition table, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var info = new XElement("entity", new XAttribute("Name", table.SchemaName!), Attributes(table));
        return Entity(table, managed, controls, table.SchemaName!, "", info);
    }

    /// <summary>The &lt;Entity&gt; around a table's info (its keys last), with the solution's form, views and an empty ribbon.</summary>
    private static XElement Entity(TableDefinition table, bool managed, IReadOnlyList<BuiltControl> controls, string localizedName, string originalName, XElement info)
    {
        if (table.Keys.Count > 0) info.Add(EntityKeys(table));
        return new XElement("Entity",
            new XElement("Name", new XAttribute("LocalizedName", localizedName), new XAttribute("OriginalName", originalName), table.SchemaName),
            new XElement("EntityInfo", info),
            new XElement("FormXml", MainForm(table, managed, controls)),
            new XElement("SavedQueries", new XElement("savedqueries", Views(table))),
            RibbonDiff());
    }

    /// <summary>The table settings a user-owned custom table is exported with.</summary>
    private static IEnumerable<XElement> CustomTableSettings()
    {
        yield return Xml.Flag("IsDuplicateCheckSupported", false);
        yield return Xml.Flag("IsBusinessProcessEnabled", false);
        yield return Xml.Flag("IsRequiredOffline", false);
        yield return Xml.Flag("IsInteractionCentricEnabled", false);
        yield return Xml.Flag("IsCollaboration", false);
        yield return Xml.Flag("AutoRouteToOwnerQueue", false);
        yield return Xml.Flag("IsConnectionsEnabled", false);
        yield return Xml.Flag("IsDocumentManagementEnabled", false);
        yield return Xml.Flag("AutoCreateAccessTeams", false);
        yield return Xml.Flag("IsOneNoteIntegrationEnabled", false);
        yield return Xml.Flag("IsKnowledgeManagementEnabled", false);
        yield return Xml.Flag("IsSLAEnabled", false);
        yield return Xml.Flag("IsDocumentRecommendationsEnabled", false);
        yield return Xml.Flag("IsBPFEntity", false);
        yield return new XElement("OwnershipTypeMask", "UserOwned");
        yield return Xml.Flag("IsActivity", false);
        yield return new XElement("ActivityTypeMask", "");
        yield return Xml.Flag("IsActivityParty", false);
        yield return Xml.Flag("IsReplicated", false);
        yield return Xml.Flag("IsReplicationUserFiltered", false);
        yield return Xml.Flag("IsMailMergeEnabled", false);
        yield return Xml.Flag("IsVisibleInMobile", false);
        yield return Xml.Flag("IsVisibleInMobileClient", true);
        yield return Xml.Flag("IsReadOnlyInMobileClient", false);
        yield return Xml.Flag("IsOfflineInMobileClient", false);
        yield return new XElement("DaysSinceRecordLastModified", 0);
        yield return new XElement("MobileOfflineFilters", "");
        yield return Xml.Flag("IsMapiGridEnabled", true);
        yield return Xml.Flag("IsReadingPaneEnabled", true);
        yield return Xml.Flag("IsQuickCreateEnabled", false);
        yield return Xml.Flag("SyncToExternalSearchIndex", false);
        yield return new XElement("IntroducedVersion", IntroducedVersion);
        yield return Xml.Flag("IsCustomizable", true);
        yield return Xml.Flag("IsRenameable", true);
        yield return Xml.Flag("IsMappable", true);
        yield return Xml.Flag("CanModifyAuditSettings", true);
        yield return Xml.Flag("CanModifyMobileVisibility", true);
        yield return Xml.Flag("CanModifyMobileClientVisibility", true);
        yield return Xml.Flag("CanModifyMobileClientReadOnly", true);
        yield return Xml.Flag("CanModifyMobileClientOffline", true);
        yield return Xml.Flag("CanModifyConnectionSettings", true);
        yield return Xml.Flag("CanModifyDuplicateDetectionSettings", true);
        yield return Xml.Flag("CanModifyMailMergeSettings", true);
        yield return Xml.Flag("CanModifyQueueSettings", true);
        yield return Xml.Flag("CanCreateAttributes", true);
        yield return Xml.Flag("CanCreateForms", true);
        yield return Xml.Flag("CanCreateCharts", true);
        yield return Xml.Flag("CanCreateViews", true);
        yield return Xml.Flag("CanModifyAdditionalSettings", true);
        yield return Xml.Flag("CanEnableSyncToExternalSearchIndex", true);
        yield return Xml.Flag("EnforceStateTransitions", false);
        yield return Xml.Flag("CanChangeHierarchicalRelationship", true);
        yield return Xml.Flag("EntityHelpUrlEnabled", false);
        yield return Xml.Flag("ChangeTrackingEnabled", false);
        yield return Xml.Flag("CanChangeTrackingBeEnabled", true);
        yield return Xml.Flag("IsEnabledForExternalChannels", false);
    }

    private static XElement EntityKeys(TableDefinition table) => new("EntityKeys", table.Keys.Select(k =>
        new XElement("EntityKey",
            new XElement("Name", k.LogicalName),
            new XElement("LogicalName", k.LogicalName),
            new XElement("IntroducedVersion", IntroducedVersion),
            Xml.Flag("IsCustomizable", true),
            Xml.DisplayNames(k.DisplayName ?? k.LogicalName),
            new XElement("EntityKeyAttributes", k.Columns.Select(c => new XElement("AttributeName", c))))));

    /// <summary>Which API operations a column accepts, as the platform sets them for system columns.</summary>
    private static (bool Create, bool Update) ApiAccess(ColumnDefinition c) => c.LogicalName switch
    {
        _ when c.IsCustom => (true, true),
        "createdby" or "createdon" or "createdonbehalfby" or "modifiedby" or "modifiedon" or "modifiedonbehalfby"
            or "owningbusinessunit" or "owningteam" or "owninguser" => (false, false),
        "overriddencreatedon" => (true, false),
        "statecode" => (false, true),
        _ when c.Type == ColumnType.PrimaryKey => (true, false),
        _ => (true, true),
    };

    private static string DisplayMask(TableDefinition table, ColumnDefinition c) => c switch
    {
        { Type: ColumnType.PrimaryKey } => "ValidForAdvancedFind|RequiredForGrid",
        { IsPrimaryName: true } => "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm",
        { Type: ColumnType.Owner } => "ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm",
        { LogicalName: "owningteam" or "owninguser" or "timezoneruleversionnumber" or "utcconversiontimezonecode" } when !table.IsCustom || !c.IsCustom => "",
        { LogicalName: "overriddencreatedon" or "importsequencenumber" } => "ValidForAdvancedFind|ValidForGrid",
        _ => "ValidForAdvancedFind|ValidForForm|ValidForGrid",
    };

    private static string RequiredLevelName(RequiredLevel level) => level switch
    {
        RequiredLevel.Recommended => "recommended",
        RequiredLevel.ApplicationRequired => "required",
        RequiredLevel.SystemRequired => "systemrequired",
        _ => "none",
    };

    private static XElement Attribute(TableDefinition table, ColumnDefinition c)
    {
        var (create, update) = ApiAccess(c);
        var mask = DisplayMask(table, c);
        var e = new XElement("attribute", new XAttribute("PhysicalName", c.SchemaName!),
            new XElement("Type", XmlType(c.Type)),
            new XElement("Name", c.LogicalName),
            new XElement("LogicalName", c.LogicalName),
            new XElement("RequiredLevel", RequiredLevelName(c.RequiredLevel)),
            mask.Length == 0 ? null : new XElement("DisplayMask", mask),
            new XElement("ImeMode", c.Type == ColumnType.DateTime ? "inactive" : "auto"),
            Xml.Flag("ValidForUpdateApi", update),
            Xml.Flag("ValidForReadApi", true),
            Xml.Flag("ValidForCreateApi", create),
            Xml.Flag("IsCustomField", c.IsCustom),
            Xml.Flag("IsAuditEnabled", c.IsAudited),
            c.LogicalName is "owningteam" or "owninguser" ? Xml.Flag("IsLogical", true) : null,
            Xml.Flag("IsSecured", c.IsSecured),
            new XElement("IntroducedVersion", IntroducedVersion),
            Xml.Flag("IsCustomizable", true),
            Xml.Flag("IsRenameable", true),
            Xml.Flag("CanModifySearchSettings", true),
            Xml.Flag("CanModifyRequirementLevelSettings", c.Type != ColumnType.PrimaryKey),
            Xml.Flag("CanModifyAdditionalSettings", true),
            new XElement("SourceType", 0),
            Xml.Flag("IsGlobalFilterEnabled", false),
            Xml.Flag("IsSortableEnabled", false),
            Xml.Flag("CanModifyGlobalFilterSettings", true),
            Xml.Flag("CanModifyIsSortableSettings", true),
            Xml.Flag("IsDataSourceSecret", false));
        e.Add(TypeSpecific(c));
        e.Add(Xml.DisplayNames(c.DisplayName ?? c.LogicalName), Xml.Descriptions(c.Description));
        return e;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<XElement> TypeSpecific(ColumnDefinition c)
    {
        switch (c.Type)
        {
            case ColumnType.String:
                yield return new XElement("Format", c.Format ?? "text");
                yield return new XElement("MaxLength", c.MaxLength);
                yield return new XElement("Length", c.MaxLength * 2);
                break;
            case ColumnType.Memo:
                yield return new XElement("Format", "text");
                yield return new XElement("MaxLength", c.MaxLength);
                break;
            case ColumnType.Integer:
                yield return new XElement("Format", c.IsCustom ? "none" : "");
                yield return new XElement("MinValue", Number(c.MinValue ?? int.MinValue));
                yield return new XElement("MaxValue", Number(c.MaxValue ?? int.MaxValue));
                break;
            case ColumnType.BigInt:
                yield return new XElement("MinValue", Number(c.MinValue ?? long.MinValue));
                yield return new XElement("MaxValue", Number(c.MaxValue ?? long.MaxValue));
                break;
            case ColumnType.Decimal or ColumnType.Double:
                yield return new XElement("MinValue", Number(c.MinValue ?? -100000000000m));
                yield return new XElement("MaxValue", Number(c.MaxValue ?? 100000000000m));
                yield return new XElement("Accuracy", c.Precision ?? 2);
                break;
            case ColumnType.Money:
                yield return new XElement("MinValue", Number(c.MinValue ?? -922337203685477m));
                yield return new XElement("MaxValue", Number(c.MaxValue ?? 922337203685477m));
                yield return new XElement("Accuracy", c.Precision ?? 2);
                yield return new XElement("AccuracySource", 2);
                break;
            case ColumnType.DateTime:
                yield return new XElement("Format", c.Format ?? "datetime");
                yield return Xml.Flag("CanChangeDateTimeBehavior", c.IsCustom);
                yield return new XElement("Behavior", (int)c.DateTimeBehavior);
                break;
            case ColumnType.Boolean:
                yield return new XElement("AppDefaultValue", 0);
                yield return OptionSet(c, "bit");
                break;
            case ColumnType.Choice or ColumnType.MultiChoice:
                yield return new XElement("AppDefaultValue", -1);
                if (c.Choice!.IsGlobal) yield return new XElement("OptionSetName", c.Choice.Name);
                else yield return OptionSet(c, "picklist");
                break;
            case ColumnType.State:
                yield return OptionSet(c, "state");
                break;
            case ColumnType.Status:
                yield return OptionSet(c, "status");
                break;
            case ColumnType.Lookup or ColumnType.Customer:
                yield return new XElement("LookupStyle", "single");
                yield return new XElement("LookupTypes");
                break;
            case ColumnType.Owner:
                yield return new XElement("LookupStyle", "single");
                yield return new XElement("LookupTypes",
                    new XElement("LookupType", new XAttribute("id", Guid.Empty), 8),
                    new XElement("LookupType", new XAttribute("id", Guid.Empty), 9));
                break;
        }
    }

    private static XElement OptionSet(ColumnDefinition c, string kind)
    {
        var choice = c.Choice!;
        var set = new XElement("optionset", new XAttribute("Name", choice.Name),
            new XElement("OptionSetType", kind),
            new XElement("IntroducedVersion", IntroducedVersion),
            Xml.Flag("IsCustomizable", true),
            Xml.DisplayNames(choice.DisplayName ?? c.DisplayName ?? c.LogicalName),
            Xml.Descriptions(c.Description));
        set.Add(kind switch
        {
            "state" => new XElement("states", choice.Options.Select(o => new XElement("state",
                new XAttribute("value", o.Value), new XAttribute("defaultstatus", o.DefaultStatus ?? 1), new XAttribute("invariantname", o.Label), Xml.Labels(o.Label)))),
            "status" => new XElement("statuses", choice.Options.Select(o => new XElement("status",
                new XAttribute("value", o.Value), new XAttribute("state", o.State ?? 0), Xml.Labels(o.Label)))),
            _ => Options(choice),
        });
        return set;
    }

    public static XElement Options(ChoiceDefinition choice) => new("options", choice.Options.Select(o =>
        new XElement("option", new XAttribute("value", o.Value), Xml.Labels(o.Label))));

    /// <summary>A global choice in the customizations' &lt;optionsets&gt;.</summary>
    public static XElement GlobalOptionSet(ChoiceDefinition choice) => new("optionset",
        new XAttribute("Name", choice.Name), new XAttribute("localizedName", choice.DisplayName ?? choice.Name),
        new XElement("OptionSetType", "picklist"),
        Xml.Flag("IsGlobal", true),
        new XElement("IntroducedVersion", IntroducedVersion),
        Xml.Flag("IsCustomizable", true),
        new XElement("ExternalTypeName", ""),
        Xml.DisplayNames(choice.DisplayName ?? choice.Name),
        Xml.Descriptions(""),
        Options(choice));

    private static XElement MainForm(TableDefinition table, bool managed, IReadOnlyList<BuiltControl> controls)
    {
        var formName = MainFormName(table);
        var formId = ComponentIds.Form(table.LogicalName, formName);
        var sections = table.FormSections.Select((s, i) => (Label: s.Label, Columns: i == 0 && table.IsCustom ? s.Columns.Append("ownerid").ToList() : s.Columns.ToList()));
        XElement Cell(string column)
        {
            var c = table.Column(column)!;
            // Managed exports leave cell labels empty (the column's display name shows); unmanaged ones repeat it.
            return new XElement("cell", new XAttribute("id", ComponentIds.FormPart(formId, "cell/" + column).Braced()),
                Xml.Labels(managed ? "" : c.DisplayName ?? column),
                new XElement("control", new XAttribute("id", column), new XAttribute("classid", ControlClass(c)), new XAttribute("datafieldname", column),
                    c.IsReadOnly ? new XAttribute("disabled", "true") : null));
        }
        // A code component gets its own section: a second cell on its bound column, so the column keeps its own control too.
        var bound = controls.SelectMany(c => c.Control.BoundOn.Where(b => b.Table == table.LogicalName).Select(b => (Control: c, b.Column))).ToList();
        static string ControlId((BuiltControl Control, string Column) b) => $"{b.Column}_{b.Control.Control.Constructor.ToLowerInvariant()}";
        Guid UniqueId((BuiltControl Control, string Column) b) => ComponentIds.FormPart(formId, "control/" + ControlId(b));
        XElement ControlSection((BuiltControl Control, string Column) b)
        {
            var id = ControlId(b);
            return new XElement("section", new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"), new XAttribute("IsUserDefined", "0"),
                new XAttribute("id", ComponentIds.FormPart(formId, "section/" + b.Control.Control.Label).Braced()),
                Xml.Labels(b.Control.Control.Label),
                new XElement("rows", new XElement("row", new XElement("cell", new XAttribute("id", ComponentIds.FormPart(formId, "cell/" + id).Braced()), new XAttribute("showlabel", "false"),
                    Xml.Labels(b.Control.Control.Label),
                    new XElement("control", new XAttribute("id", id), new XAttribute("classid", ControlClass(table.Column(b.Column)!)), new XAttribute("datafieldname", b.Column),
                        new XAttribute("uniqueid", UniqueId(b).Braced()))))));
        }
        var form = new XElement("form",
            bound.Count == 0 ? null : new XElement("controlDescriptions", bound.Select(b => ControlWriter.Description(b.Control, UniqueId(b), b.Column))),
            new XElement("tabs", new XElement("tab", new XAttribute("verticallayout", "true"),
                new XAttribute("id", ComponentIds.FormPart(formId, "tab/general").Braced()), new XAttribute("IsUserDefined", "1"),
                Xml.Labels("General"),
                new XElement("columns", new XElement("column", new XAttribute("width", "100%"),
                    new XElement("sections", sections.Select(s => new XElement("section",
                        new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"), new XAttribute("IsUserDefined", "0"),
                        new XAttribute("id", ComponentIds.FormPart(formId, "section/" + s.Label).Braced()),
                        Xml.Labels(s.Label),
                        new XElement("rows", s.Columns.Select(c => new XElement("row", Cell(c))))))
                        .Concat(bound.Select(ControlSection))))))));
        return new XElement("forms", new XAttribute("type", "main"), new XElement("systemform",
            new XElement("formid", formId.Braced()),
            new XElement("IntroducedVersion", IntroducedVersion),
            new XElement("FormPresentation", 1),
            new XElement("FormActivationState", 1),
            form,
            Xml.Flag("IsCustomizable", true),
            Xml.Flag("CanBeDeleted", true),
            Xml.LocalizedNames(formName),
            Xml.Descriptions($"The {table.AppDisplayName} form of the Patient Journey app.")));
    }

    private sealed record StandardView(Guid Id, string Name, int QueryType, bool IsDefault, bool QuickFind, int? State, bool Grid);

    private static IEnumerable<StandardView> StandardViews(TableDefinition table)
    {
        if (!table.IsCustom) yield break;
        StandardView View(string name, int type, bool isDefault, int? state, bool quickFind = false, bool grid = false) =>
            new(ComponentIds.View(table.LogicalName, name), name, type, isDefault, quickFind, state, grid);
        yield return View($"Active {table.PluralName}", 0, true, 0);
        yield return View($"Inactive {table.PluralName}", 0, false, 1);
        yield return View($"{table.DisplayName} Advanced Find View", 1, true, null);
        yield return View($"{table.DisplayName} Associated View", 2, true, 0, grid: true);
        yield return View($"Quick Find Active {table.PluralName}", 4, true, 0, quickFind: true);
        yield return View($"{table.DisplayName} Lookup View", 64, true, 0, grid: true);
    }

    private static IEnumerable<XElement> Views(TableDefinition table)
    {
        var columns = table.ViewColumns.Count > 0 ? table.ViewColumns : [table.PrimaryNameColumn!];
        foreach (var v in StandardViews(table))
        {
            var conditions = v.State is int state ? [new ViewCondition { Column = "statecode", Operator = "eq", Value = state.ToString(CultureInfo.InvariantCulture) }] : new List<ViewCondition>();
            var quickFind = v.QuickFind ? (table.QuickFindColumns.Count > 0 ? table.QuickFindColumns : [table.PrimaryNameColumn!]) : [];
            yield return SavedQuery(table, v.Id, v.Name, null, v.QueryType, v.IsDefault, canBeDeleted: false, columns, conditions, [], quickFind,
                v.QueryType == 64 ? null : table.PrimaryNameColumn, false, v.Grid);
        }
        foreach (var view in table.Views)
        {
            yield return SavedQuery(table, ComponentIds.View(table.LogicalName, view.Name), view.Name, view.Description, 0, false, canBeDeleted: true,
                view.Columns, (view.IncludeInactive ? view.AllOf : view.AllOf.Prepend(new ViewCondition { Column = "statecode", Operator = "eq", Value = "0" }).ToList()), view.AnyOf, [],
                view.OrderBy, view.Descending, false);
        }
    }

    private static XElement SavedQuery(TableDefinition table, Guid id, string name, string? description, int queryType, bool isDefault, bool canBeDeleted,
        IReadOnlyList<string> columns, IReadOnlyList<ViewCondition> allOf, IReadOnlyList<ViewCondition> anyOf, IReadOnlyList<string> quickFind,
        string? orderBy, bool descending, bool grid)
    {
        var primaryName = table.PrimaryNameColumn ?? columns[0];
        var jump = table.Column(primaryName) != null ? primaryName : columns[0];
        var layout = new XElement("grid", new XAttribute("name", grid ? table.EntitySetName : "resultset"), new XAttribute("jump", jump),
            new XAttribute("select", "1"), new XAttribute("icon", "1"), new XAttribute("preview", queryType == 64 ? "0" : "1"),
            new XElement("row", new XAttribute("name", grid ? table.LogicalName : "result"), new XAttribute("id", table.PrimaryIdColumn),
                columns.Select(c => new XElement("cell", new XAttribute("name", c), new XAttribute("width", c == primaryName ? 300 : 150)))));
        var entity = new XElement("entity", new XAttribute("name", table.LogicalName),
            columns.Prepend(table.PrimaryIdColumn).Distinct().Select(c => new XElement("attribute", new XAttribute("name", c))));
        if (orderBy != null) entity.Add(new XElement("order", new XAttribute("attribute", orderBy), new XAttribute("descending", descending ? "true" : "false")));
        if (allOf.Count > 0) entity.Add(new XElement("filter", new XAttribute("type", "and"), allOf.Select(Condition)));
        if (anyOf.Count > 0) entity.Add(new XElement("filter", new XAttribute("type", "or"), anyOf.Select(Condition)));
        if (quickFind.Count > 0)
            entity.Add(new XElement("filter", new XAttribute("type", "or"), new XAttribute("isquickfindfields", "1"),
                quickFind.Select(c => new XElement("condition", new XAttribute("attribute", c), new XAttribute("operator", "like"), new XAttribute("value", "{0}")))));
        return new XElement("savedquery",
            Xml.Flag("IsCustomizable", true),
            Xml.Flag("CanBeDeleted", canBeDeleted),
            Xml.Flag("isquickfindquery", quickFind.Count > 0),
            Xml.Flag("isprivate", false),
            Xml.Flag("isdefault", isDefault),
            new XElement("savedqueryid", id.Braced()),
            new XElement("layoutxml", layout),
            new XElement("querytype", queryType),
            new XElement("fetchxml", new XElement("fetch", new XAttribute("version", "1.0"), new XAttribute("mapping", "logical"), entity)),
            new XElement("IntroducedVersion", IntroducedVersion),
            Xml.LocalizedNames(name),
            description == null ? null : Xml.Descriptions(description));
    }

    private static XElement Condition(ViewCondition c)
    {
        var e = new XElement("condition", new XAttribute("attribute", c.Column), new XAttribute("operator", c.Operator));
        if (c.Value != null) e.Add(new XAttribute("value", c.Value));
        e.Add(c.Values.Select(v => new XElement("value", v)));
        return e;
    }

    private static XElement RibbonDiff() => new("RibbonDiffXml",
        new XElement("CustomActions"),
        new XElement("Templates", new XElement("RibbonTemplates", new XAttribute("Id", "Mscrm.Templates"))),
        new XElement("CommandDefinitions"),
        new XElement("RuleDefinitions", new XElement("TabDisplayRules"), new XElement("DisplayRules"), new XElement("EnableRules")),
        new XElement("LocLabels"));
}

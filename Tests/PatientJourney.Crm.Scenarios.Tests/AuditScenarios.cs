using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Auditing on the shipped zip: every column that holds patient data (classification patient or clinical in Solution/)
/// is audited with its old and new value; operational columns leave no audit record.
/// </summary>
public sealed class AuditScenarios
{
    private static readonly Lazy<SolutionDefinition> source = new(() => SolutionSource.Load(Path.Combine(RepoPaths.Root, "Solution")));

    // Set by the platform, never by a caller: they are not what a staff member changes.
    private static readonly HashSet<ColumnType> PlatformTypes = [ColumnType.PrimaryKey, ColumnType.Owner, ColumnType.State, ColumnType.Status];

    /// <summary>The shipped zip's tables, columns and audit flags without its steps: the platform's auditing, column by column.</summary>
    private static DataverseEmulator TablesOnly()
    {
        var shipped = ShippedSolution.Package;
        return DataverseEmulator.ImportSolution(new SolutionPackage
        {
            UniqueName = shipped.UniqueName, IsManaged = shipped.IsManaged, Schema = shipped.Schema, Steps = [], CustomApis = [],
            EnvironmentVariables = shipped.EnvironmentVariables, Roles = shipped.Roles, FieldSecurityProfiles = shipped.FieldSecurityProfiles,
        });
    }

    // The columns the solution declares (its own, and the platform columns it lists on contact and appointment), without
    // the system columns every table gets and the platform's own audit settings.
    private static IEnumerable<ColumnDefinition> Declared(TableDefinition table) =>
        table.Columns.Where(c => !PlatformTypes.Contains(c.Type) && (c.IsCustom || !table.IsCustom) && c.LogicalName is not ("createdon" or "modifiedon"));

    [Fact]
    public void Solution_marks_every_patient_data_column_and_its_table_audited_and_operational_columns_not()
    {
        foreach (var table in source.Value.Schema.Tables)
        {
            foreach (var column in Declared(table))
            {
                Assert.True(column.IsAudited == (column.Classification != DataClassification.Operational),
                    $"{table.LogicalName}.{column.LogicalName} ({column.Classification}) has IsAudited={column.IsAudited}");
            }
            if (table.Columns.Any(c => c.Classification != DataClassification.Operational)) Assert.True(table.IsAudited, $"{table.LogicalName} is not audited");
        }
    }

    [Fact]
    public void Every_change_of_a_patient_data_column_is_audited_with_old_and_new_value_and_operational_columns_are_not()
    {
        var emulator = TablesOnly();
        var admin = emulator.CreateOrganizationService();
        var rows = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var checkedColumns = 0;
        foreach (var table in source.Value.Schema.Tables)
        {
            var id = Row(emulator, admin, table.LogicalName, rows);
            var metadata = emulator.Metadata.Table(table.LogicalName);
            foreach (var column in Declared(table).Where(c => metadata.Column(c.LogicalName) is { IsReadOnly: false }))
            {
                var value = Value(emulator, admin, metadata, column, 2, rows);
                var before = emulator.AuditRecords.Count;
                var previous = emulator.Rows(table.LogicalName).Single(r => r.Id == id).Attributes.TryGetValue(column.LogicalName, out var held) ? held : null;
                admin.Update(new Entity(table.LogicalName, id) { [column.LogicalName] = value });
                var written = emulator.AuditRecords.Skip(before).ToList();
                if (column.Classification == DataClassification.Operational)
                {
                    Assert.True(written.Count == 0, $"{table.LogicalName}.{column.LogicalName} is operational but its change was audited");
                    continue;
                }
                Assert.True(written.Count == 1, $"{table.LogicalName}.{column.LogicalName} ({column.Classification}): {written.Count} audit records");
                var record = written[0];
                Assert.Equal((AuditOperation.Update, table.LogicalName, id, emulator.CallerId), (record.Operation, record.Table, record.RecordId, record.UserId));
                Assert.Equal([column.LogicalName], record.Columns);
                Assert.Equal(Render(value), Render(record.NewValues[column.LogicalName]));
                Assert.Equal(Render(previous), record.OldValues.TryGetValue(column.LogicalName, out var old) ? Render(old) : Render(null));
                checkedColumns++;
            }
        }
        Assert.True(checkedColumns > 100, $"only {checkedColumns} patient-data columns were changed");
    }

    private static string Render(object? value) => value switch
    {
        null => "(none)",
        OptionSetValue option => option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionSetValueCollection options => string.Join(",", options.Select(o => o.Value)),
        Money money => money.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EntityReference reference => reference.LogicalName + ":" + reference.Id,
        DateTime date => date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // A row of the table with every required column set (lookups to rows made the same way), created as the administrator.
    private static Guid Row(DataverseEmulator emulator, IOrganizationService admin, string table, Dictionary<string, Guid> rows, int variant = 1)
    {
        if (rows.TryGetValue(table, out var existing)) return existing;
        if (table == "systemuser") return rows[table] = emulator.CreateUser("Audit", $"User {variant}");
        var metadata = emulator.Metadata.Table(table);
        var row = new Entity(table);
        foreach (var column in metadata.Columns.Where(c => c.RequiredLevel == RequiredLevel.ApplicationRequired && !PlatformTypes.Contains(c.Type) && !c.IsReadOnly))
        {
            row[column.LogicalName] = Value(emulator, admin, metadata, column, variant, rows);
        }
        var id = admin.Create(row);
        rows[table] = id;
        return id;
    }

    // A value of the column's type: variant 1 on create, 2 on update (so the update changes it), 3 for a second row
    // (so its alternate keys differ from both); a lookup points to the first row of its target, or on update to a second one.
    private static object Value(DataverseEmulator emulator, IOrganizationService admin, Emulator.Metadata.TableMetadata table, ColumnDefinition column, int variant, Dictionary<string, Guid> rows)
    {
        var options = table.OptionsOf(column.LogicalName);
        return column.Type switch
        {
            ColumnType.String or ColumnType.Memo => column.Format == "email" ? $"p{variant}@example.org" : $"v{variant}",
            ColumnType.Integer => (column.MinValue is { } min ? (int)min : 0) + variant,
            ColumnType.BigInt => (long)variant,
            ColumnType.Decimal => (column.MinValue is { } dmin ? (decimal)dmin : 0m) + variant / 10m,
            ColumnType.Double => variant / 10d,
            ColumnType.Money => new Money(variant),
            ColumnType.Boolean => variant == 2,
            ColumnType.DateTime => new DateTime(2026, 1, variant, 0, 0, 0, DateTimeKind.Utc),
            ColumnType.Choice => new OptionSetValue(options[Math.Min(variant, options.Count) - 1].Value),
            ColumnType.MultiChoice => new OptionSetValueCollection([new OptionSetValue(options[Math.Min(variant, options.Count) - 1].Value)]),
            ColumnType.UniqueIdentifier => Guid.NewGuid(),
            ColumnType.Lookup or ColumnType.Customer => new EntityReference(column.Targets[0], variant == 2 ? Another(emulator, admin, column.Targets[0], rows) : Row(emulator, admin, column.Targets[0], rows)),
            _ => throw new InvalidOperationException($"{table.LogicalName}.{column.LogicalName}: no test value for {column.Type}"),
        };
    }

    private static Guid Another(DataverseEmulator emulator, IOrganizationService admin, string table, Dictionary<string, Guid> rows)
    {
        var key = table + "#2";
        if (rows.TryGetValue(key, out var id)) return id;
        var first = Row(emulator, admin, table, rows);
        rows.Remove(table);
        var second = Row(emulator, admin, table, rows, variant: 3);
        rows[table] = first;
        rows[key] = second;
        return second;
    }
}

using System;

namespace PatientJourney.Crm.Packer.Identity;

/// <summary>The id of every id-bearing component, derived from its name (see <see cref="DeterministicGuid"/>).</summary>
public static class ComponentIds
{
    public static Guid Form(string table, string form) => DeterministicGuid.For("form", $"{table}/{form}");
    public static Guid FormPart(Guid form, string part) => DeterministicGuid.For("formpart", $"{form}/{part}");
    public static Guid View(string table, string view) => DeterministicGuid.For("savedquery", $"{table}/{view}");
    public static Guid Chart(string table, string chart) => DeterministicGuid.For("savedqueryvisualization", $"{table}/{chart}");
    public static Guid Dashboard(string name) => DeterministicGuid.For("dashboard", name);
    public static Guid Role(string name) => DeterministicGuid.For("role", name);
    public static Guid FieldSecurityProfile(string name) => DeterministicGuid.For("fieldsecurityprofile", name);
    public static Guid PluginAssembly(string name) => DeterministicGuid.For("pluginassembly", name);
    public static Guid PluginType(string fullName) => DeterministicGuid.For("plugintype", fullName);
    public static Guid Step(string description) => DeterministicGuid.For("sdkmessageprocessingstep", description);
    public static Guid StepImage(Guid step, string alias) => DeterministicGuid.For("sdkmessageprocessingstepimage", $"{step}/{alias}");
}

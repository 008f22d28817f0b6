using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Packer.Checks;

/// <summary>
/// Refuses steps on a (message, table) pair Dataverse has no sdkmessagefilter for (e.g. CreateMultiple of appointment):
/// such a step cannot be registered, so the import fails or the logic never runs. The same table decides in the emulator.
/// </summary>
public static class MessageAvailabilityCheck
{
    public static IEnumerable<Finding> Run(IReadOnlyList<PluginAssemblyInfo> assemblies) =>
        assemblies.SelectMany(a => a.Types).SelectMany(t => t.Steps)
            .Where(s => s.PrimaryEntity != "none" && !MessageAvailability.Exists(s.Message, s.PrimaryEntity))
            .Select(s => new Finding(Severity.Error,
                $"step {s.Description}: plug-in type {s.PluginType} is registered on {s.Message} of {s.PrimaryEntity}, but the {s.PrimaryEntity} table " +
                $"has no {s.Message} message in Dataverse (no sdkmessagefilter), so the step cannot be registered; {MessageAvailability.Advice(s.Message, s.PrimaryEntity)}"));
}

using System.Collections.Generic;
using System.Linq;
using System.Text;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>
/// The steps an administrator registers after importing the solution (Plug-in Registration Tool, or pac), because
/// their message's id cannot be put in a solution file: one block per step with every setting to enter.
/// </summary>
public static class StepsToRegisterFile
{
    public static string Name(SolutionDefinition solution) => $"{solution.UniqueName}_{solution.Version.ToString().Replace('.', '_')}_steps-to-register.txt";

    public static string Text(IReadOnlyList<StepRegistration> steps)
    {
        var text = new StringBuilder();
        text.Append("Register these plug-in steps after importing the solution (Plug-in Registration Tool: Register New Step).\n");
        text.Append("Their messages' ids are not published, so the solution package cannot carry them.\n");
        foreach (var step in steps.OrderBy(s => s.Description, System.StringComparer.Ordinal))
        {
            text.Append('\n');
            text.Append($"Plug-in type:          {step.PluginType}\n");
            text.Append($"Message:               {step.Message}\n");
            text.Append($"Primary entity:        {step.PrimaryEntity}\n");
            text.Append($"Stage:                 {StageName(step.Stage)}\n");
            text.Append($"Execution mode:        {(step.Mode == 0 ? "Synchronous" : "Asynchronous")}\n");
            text.Append($"Execution order:       {step.Rank}\n");
            if (!string.IsNullOrEmpty(step.FilteringAttributes)) text.Append($"Filtering attributes:  {step.FilteringAttributes}\n");
            if (step.PreImageAlias != null) text.Append($"Pre-image:             {step.PreImageAlias} ({step.PreImageAttributes})\n");
            if (step.PostImageAlias != null) text.Append($"Post-image:            {step.PostImageAlias} ({step.PostImageAttributes})\n");
            if (!string.IsNullOrEmpty(step.UnsecureConfiguration)) text.Append($"Unsecure configuration: {step.UnsecureConfiguration}\n");
        }
        return text.ToString();
    }

    private static string StageName(int stage) => stage switch
    {
        10 => "PreValidation (10)",
        20 => "PreOperation (20)",
        40 => "PostOperation (40)",
        _ => stage.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

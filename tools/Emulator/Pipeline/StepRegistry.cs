using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>The registered steps, looked up by message, table, stage and mode in execution order.</summary>
internal sealed class StepRegistry
{
    private readonly List<PluginStep> steps = [];
    private readonly Dictionary<(string, string, int, int), PluginStep[]> cache = [];
    private readonly Dictionary<(string, string, string, int, int), PluginStep[]> pairCache = [];

    public IReadOnlyList<PluginStep> All => steps;

    public void Add(PluginStep step)
    {
        if (Refusal(step) is { } refusal) throw new InvalidOperationException(refusal);
        step.Sequence = steps.Count;
        steps.Add(step);
        cache.Clear();
        pairCache.Clear();
    }

    /// <summary>
    /// Why the platform would refuse to register the step (the rules the Plug-in Registration tool and the
    /// sdkmessagefilter table enforce), or null when it would accept it.
    /// </summary>
    public static string? Refusal(PluginStep step)
    {
        if (step.Stage is not (10 or 20 or 40)) return $"{step}: steps are registered on stage 10, 20 or 40 (30 is a custom API's main operation).";
        if (step.Mode == 1 && step.Stage != 40) return $"{step}: asynchronous steps must be registered on PostOperation (40).";
        if (step.PostImages.Any() && step.Stage != 40) return $"{step}: post images are only available in PostOperation (40).";
        if (step.PreImages.Any() && step.Message is "Create" or "CreateMultiple") return $"{step}: Create has no pre image.";
        if (step.Images.GroupBy(i => (i.Kind, i.Alias)).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"{step}: two {twice.Key.Kind.ToString().ToLowerInvariant()} images are named '{twice.Key.Alias}'.";
        if (!step.AnyEntity && !MessageAvailability.Exists(step.Message, step.PrimaryEntity))
        {
            return $"Plug-in type {step.PluginType.FullName}: a step on {step.Message} of {step.PrimaryEntity} cannot be registered, because the " +
                $"{step.PrimaryEntity} table has no {step.Message} message in Dataverse (no sdkmessagefilter); {MessageAvailability.Advice(step.Message, step.PrimaryEntity)}.";
        }
        return null;
    }

    public PluginStep[] For(string message, string table, int stage, int mode)
    {
        if (cache.TryGetValue((message, table, stage, mode), out var found)) return found;
        found = steps
            .Where(s => s.Stage == stage && s.Mode == mode && string.Equals(s.Message, message, StringComparison.OrdinalIgnoreCase) && (s.AnyEntity || s.PrimaryEntity == table))
            .OrderBy(s => s.Rank).ThenBy(s => s.Sequence).ToArray();
        cache[(message, table, stage, mode)] = found;
        return found;
    }

    /// <summary>The steps of a single/multiple message pair (Create/CreateMultiple), merged in execution order.</summary>
    public PluginStep[] ForPair(string single, string multiple, string table, int stage, int mode)
    {
        if (pairCache.TryGetValue((single, multiple, table, stage, mode), out var found)) return found;
        found = For(single, table, stage, mode).Concat(For(multiple, table, stage, mode)).OrderBy(s => s.Rank).ThenBy(s => s.Sequence).ToArray();
        pairCache[(single, multiple, table, stage, mode)] = found;
        return found;
    }
}

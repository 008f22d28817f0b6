using System;
using System.Collections.Generic;
using System.Linq;

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
        Check(step);
        step.Sequence = steps.Count;
        steps.Add(step);
        cache.Clear();
        pairCache.Clear();
    }

    // The rules the Plug-in Registration tool enforces, so a registration the platform would refuse fails here too.
    private static void Check(PluginStep step)
    {
        if (step.Stage is not (10 or 20 or 40)) throw new InvalidOperationException($"{step}: steps are registered on stage 10, 20 or 40 (30 is a custom API's main operation).");
        if (step.Mode == 1 && step.Stage != 40) throw new InvalidOperationException($"{step}: asynchronous steps must be registered on PostOperation (40).");
        if (step.PostImageAlias != null && step.Stage != 40) throw new InvalidOperationException($"{step}: post images are only available in PostOperation (40).");
        if (step.PreImageAlias != null && step.Message is "Create" or "CreateMultiple") throw new InvalidOperationException($"{step}: Create has no pre image.");
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

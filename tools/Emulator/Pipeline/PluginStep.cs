using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>
/// One SDK message processing step, read from a <c>PluginStepAttribute</c> on a plug-in class. The attribute is matched by
/// full name through <see cref="CustomAttributeData"/>, so the emulator does not depend on the plug-in assembly.
/// Like Dataverse, one plug-in instance serves every execution of the step.
/// </summary>
public sealed class PluginStep
{
    public const string AttributeTypeName = "PatientJourney.Crm.Plugins.Registration.PluginStepAttribute";

    private IPlugin? instance;
    private string? secureConfiguration;

    public required Type PluginType { get; init; }
    public required string Message { get; init; }
    public required string PrimaryEntity { get; init; }
    public required int Stage { get; init; }
    public required int Mode { get; init; }
    public int Rank { get; init; } = 1;
    public IReadOnlySet<string>? FilteringAttributes { get; init; }
    /// <summary>The step's images, each by alias: as many pre and post images as the registration has.</summary>
    public IReadOnlyList<StepImage> Images { get; init; } = [];
    public IEnumerable<StepImage> PreImages => Images.Where(i => i.Kind == StepImageKind.Pre);
    public IEnumerable<StepImage> PostImages => Images.Where(i => i.Kind == StepImageKind.Post);
    public string? UnsecureConfiguration { get; init; }

    /// <summary>
    /// The user the step runs as ("Run in User's Context"), by full name as the zip's ImpersonatingUserIdName carries it;
    /// null for the calling user. <see cref="RunAsUserId"/>, when set, names the user directly.
    /// </summary>
    public string? RunAsUserName { get; init; }
    public Guid? RunAsUserId { get; internal set; }
    /// <summary>Setting it drops the cached instance, so the next execution constructs the plug-in with the new value.</summary>
    public string? SecureConfiguration
    {
        get => secureConfiguration;
        internal set
        {
            secureConfiguration = value;
            instance = null;
        }
    }
    public bool DeleteAsyncOperationOnSuccess { get; init; } = true;

    /// <summary>Registration order: the tie-breaker after rank, as SdkMessageFilter order is in Dataverse.</summary>
    internal int Sequence { get; set; }

    /// <summary>True when the step names no table and so fires for every table.</summary>
    internal bool AnyEntity => PrimaryEntity is "" or "none";

    public static IEnumerable<PluginStep> FromType(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == AttributeTypeName).Select(a => FromAttribute(type, a));

    public static IEnumerable<PluginStep> FromAssembly(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IPlugin).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal).SelectMany(FromType);

    private static PluginStep FromAttribute(Type type, CustomAttributeData data)
    {
        var named = data.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value);
        string? Text(string name) => named.GetValueOrDefault(name) as string;
        return new PluginStep
        {
            PluginType = type,
            Message = (string)data.ConstructorArguments[0].Value!,
            PrimaryEntity = (string)data.ConstructorArguments[1].Value!,
            Stage = Convert.ToInt32(data.ConstructorArguments[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            Mode = Convert.ToInt32(data.ConstructorArguments[3].Value, System.Globalization.CultureInfo.InvariantCulture),
            Rank = named.GetValueOrDefault("Rank") is int rank ? rank : 1,
            FilteringAttributes = Set(Text("FilteringAttributes")),
            Images = [.. StepImage.From(StepImageKind.Pre, Text("PreImageAlias"), Set(Text("PreImageAttributes"))),
                .. StepImage.From(StepImageKind.Post, Text("PostImageAlias"), Set(Text("PostImageAttributes")))],
            UnsecureConfiguration = Text("UnsecureConfiguration"),
            DeleteAsyncOperationOnSuccess = named.GetValueOrDefault("DeleteAsyncOperationOnSuccess") is not false,
        };
    }

    private static HashSet<string>? Set(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated)
            ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>A new registration with the same settings and no instance yet, for another emulator.</summary>
    internal PluginStep Fresh() => new()
    {
        PluginType = PluginType, Message = Message, PrimaryEntity = PrimaryEntity, Stage = Stage, Mode = Mode, Rank = Rank,
        FilteringAttributes = FilteringAttributes, Images = Images, UnsecureConfiguration = UnsecureConfiguration,
        RunAsUserName = RunAsUserName, DeleteAsyncOperationOnSuccess = DeleteAsyncOperationOnSuccess,
    };

    /// <summary>The cached instance, built with the constructor forms Dataverse accepts: (unsecure, secure), (unsecure), ().</summary>
    internal IPlugin Instance => instance ??= Instantiate(PluginType, UnsecureConfiguration, SecureConfiguration);

    internal static IPlugin Instantiate(Type type, string? unsecure, string? secure)
    {
        var twoStrings = type.GetConstructor([typeof(string), typeof(string)]);
        if (twoStrings != null) return (IPlugin)twoStrings.Invoke([unsecure, secure]);
        var oneString = type.GetConstructor([typeof(string)]);
        if (oneString != null) return (IPlugin)oneString.Invoke([unsecure]);
        var none = type.GetConstructor(Type.EmptyTypes)
            ?? throw new InvalidOperationException($"Plug-in type {type.FullName} has no public constructor (), (string) or (string, string).");
        return (IPlugin)none.Invoke(null);
    }

    public override string ToString() => $"{PluginType.Name}: {Message} of {PrimaryEntity}, stage {Stage}, mode {Mode}, rank {Rank}";
}

public enum StepImageKind
{
    Pre,
    Post,
}

/// <summary>One registered entity image: pre or post, its alias (the key in the context's image collection) and its columns (null = all).</summary>
public sealed record StepImage(StepImageKind Kind, string Alias, IReadOnlySet<string>? Attributes)
{
    internal static IEnumerable<StepImage> From(StepImageKind kind, string? alias, IReadOnlySet<string>? attributes) =>
        alias == null ? [] : [new StepImage(kind, alias, attributes)];
}

using System;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Packer.Registration;

/// <summary>
/// The packer's view of the platform messages' sdkmessage ids (one table, <see cref="SdkMessageIds"/>, shared with the
/// emulator that imports the zips): steps reference messages by id only, and CreateMultiple/UpdateMultiple are among them.
/// </summary>
public static class SdkMessages
{
    public static bool IsKnown(string message) => SdkMessageIds.IsKnown(message);

    public static Guid Id(string message) =>
        SdkMessageIds.Find(message) ?? throw new InvalidOperationException($"No known sdkmessage id for message '{message}'.");

    /// <summary>The message a Guid stands for, for checking zips.</summary>
    public static string? Name(Guid id) => SdkMessageIds.Name(id);

    /// <inheritdoc cref="SdkMessageIds.ImagePropertyName"/>
    public static string ImagePropertyName(string message) => SdkMessageIds.ImagePropertyName(message);
}

using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Inspection;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>ITracingService writing to the execution's and the request's trace.</summary>
internal sealed class TracingService(PluginExecutionRecord execution, RequestRecord request) : ITracingService
{
    public void Trace(string format, params object[] args)
    {
        var line = args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        execution.TraceLines.Add(line);
        request.TraceLines.Add(line);
    }
}

/// <summary>
/// IOrganizationServiceFactory of one plug-in execution: services it creates run as the given user (null = SYSTEM),
/// keep the initiating user, count their calls against the execution, and make their requests children of the context.
/// </summary>
internal sealed class OrganizationServiceFactory(DataverseEmulator emulator, PluginExecutionContext context, PluginExecutionRecord execution, RequestRecord request)
    : IOrganizationServiceFactory
{
    public IOrganizationService CreateOrganizationService(Guid? userId) =>
        new EmulatorOrganizationService(emulator, userId ?? emulator.SystemUserId, context.InitiatingUserId, new NestedCall(context, execution, request));
}

/// <summary>Where a nested call comes from: the calling step's context, its execution record and the outer request.</summary>
internal sealed record NestedCall(PluginExecutionContext Context, PluginExecutionRecord Execution, RequestRecord Request);

internal sealed class PluginServiceProvider(PluginExecutionContext context, ITracingService tracing, IOrganizationServiceFactory factory) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(ITracingService)) return tracing;
        if (serviceType == typeof(IOrganizationServiceFactory)) return factory;
        return serviceType.IsInstanceOfType(context) ? context : null;
    }
}

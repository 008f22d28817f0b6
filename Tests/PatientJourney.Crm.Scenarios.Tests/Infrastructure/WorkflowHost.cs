using System;
using System.Activities;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// The classic-workflow host around the emulator: runs a custom workflow activity with System.Activities'
/// WorkflowInvoker, offering the extensions Dataverse offers (IWorkflowContext, ITracingService,
/// IOrganizationServiceFactory), with the workflow running as the emulator's caller at the emulator's clock.
/// </summary>
public sealed class WorkflowHost
{
    private readonly ScenarioEnvironment env;
    private readonly List<string> traceLines = new();

    public WorkflowHost(ScenarioEnvironment env) => this.env = env;

    /// <summary>Every line the activities run by this host traced.</summary>
    public IReadOnlyList<string> TraceLines => traceLines;

    /// <summary>Runs the activity with the given inputs (argument name → value) and returns its outputs by name.</summary>
    public IDictionary<string, object> Run(Activity activity, IDictionary<string, object?> inputs)
    {
        var invoker = new WorkflowInvoker(activity);
        invoker.Extensions.Add(new EmulatorWorkflowContext(env.Emulator.CallerId, env.Now));
        invoker.Extensions.Add(new RecordingTracingService(traceLines));
        // The activity's code writes through services that refuse bulk and batch messages, as in Dataverse.
        invoker.Extensions.Add(env.Emulator.CreateWorkflowActivityServiceFactory(activity.GetType()));
        return invoker.Invoke(inputs.ToDictionary(i => i.Key, i => i.Value!));
    }

    /// <summary>
    /// The activity is stopped by a business rule, with a message containing <paramref name="message"/>, and nothing is
    /// written: either the activity's own InvalidPluginExecutionException, or the platform's fault for a write a
    /// plug-in step refused (what an activity sees in Dataverse too), which fails the workflow with the step's message.
    /// </summary>
    public Exception Refused(Activity activity, IDictionary<string, object?> inputs, string message)
    {
        var writesBefore = env.Emulator.RowsWritten.Count;
        var error = Assert.ThrowsAny<Exception>(() => Run(activity, inputs));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error is InvalidPluginExecutionException || (error is DataverseFaultException && Root(error) is InvalidPluginExecutionException),
            $"Expected a business-rule error, got {error.GetType().Name}: {error.Message}");
        Assert.Equal(writesBefore, env.Emulator.RowsWritten.Count);
        return error;
    }

    /// <summary>No line the activities traced, and nothing the emulator recorded, carries the scenario's patient data markers.</summary>
    public void NoPatientDataLeaked(params string[] errorMessages)
    {
        var markers = new[] { CareData.PatientFirstName, CareData.PatientLastName, CareData.ClinicalMarker };
        var leaks = traceLines.Concat(errorMessages).Where(line => markers.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "Patient data reached an activity trace or error message:\n" + string.Join("\n", leaks));
        env.NoPatientDataLeaked();
    }

    private static Exception? Root(Exception exception)
    {
        var current = exception;
        while (current is DataverseFaultException && current.InnerException != null) current = current.InnerException;
        return current;
    }

    private sealed class RecordingTracingService : ITracingService
    {
        private readonly List<string> lines;

        public RecordingTracingService(List<string> lines) => this.lines = lines;

        public void Trace(string format, params object[] args) => lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    /// <summary>A background workflow on a record, running as <c>userId</c>, started at <c>now</c>.</summary>
    private sealed class EmulatorWorkflowContext : IWorkflowContext
    {
        public EmulatorWorkflowContext(Guid userId, DateTime now)
        {
            UserId = userId;
            InitiatingUserId = userId;
            OperationCreatedOn = now;
        }

        public int Mode => 1;
        public int IsolationMode => 2;
        public int Depth => 1;
        public string MessageName => "Update";
        public string PrimaryEntityName => "pj_journey";
        public Guid? RequestId => null;
        public string SecondaryEntityName => "none";
        public ParameterCollection InputParameters { get; } = new();
        public ParameterCollection OutputParameters { get; } = new();
        public ParameterCollection SharedVariables { get; } = new();
        public Guid UserId { get; }
        public Guid InitiatingUserId { get; }
        public Guid BusinessUnitId => Guid.Empty;
        public Guid OrganizationId => Guid.Empty;
        public string OrganizationName => "PatientJourneyEmulator";
        public Guid PrimaryEntityId => Guid.Empty;
        public EntityImageCollection PreEntityImages { get; } = new();
        public EntityImageCollection PostEntityImages { get; } = new();
        public EntityReference OwningExtension => null!;
        public Guid CorrelationId { get; } = Guid.NewGuid();
        public bool IsExecutingOffline => false;
        public bool IsOfflinePlayback => false;
        public bool IsInTransaction => false;
        public Guid OperationId { get; } = Guid.NewGuid();
        public DateTime OperationCreatedOn { get; }
        public string StageName => "PostOperation";
        public int WorkflowCategory => 0;
        public int WorkflowMode => 0;
        public IWorkflowContext ParentContext => null!;
    }
}

using System;
using System.Collections.Generic;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Store;

namespace PatientJourney.Crm.Emulator.Inspection;

/// <summary>One request sent from outside the pipeline (or one asynchronous system job) and everything it caused.</summary>
public sealed class RequestRecord
{
    internal RequestRecord(string messageName) => MessageName = messageName;

    public string MessageName { get; }
    public bool Succeeded { get; internal set; }
    public DataverseFaultException? Fault { get; internal set; }

    /// <summary>Every plug-in execution the request caused, in the order they ran, nested ones included.</summary>
    public List<PluginExecutionRecord> PluginExecutions { get; } = [];

    /// <summary>All trace lines written during the request, in order.</summary>
    public List<string> TraceLines { get; } = [];

    /// <summary>Rows the request created, updated or deleted and kept (empty when it rolled back).</summary>
    public List<RowWrite> RowsWritten { get; } = [];
}

/// <summary>One execution of one registered step.</summary>
public sealed class PluginExecutionRecord
{
    public required string PluginType { get; init; }
    public required string MessageName { get; init; }
    public required string PrimaryEntityName { get; init; }
    public required int Stage { get; init; }
    public required int Mode { get; init; }
    public required int Depth { get; init; }
    public Guid PrimaryEntityId { get; init; }

    /// <summary>Calls the plug-in made through the organization services it obtained.</summary>
    public int ServiceCalls { get; internal set; }

    public List<string> TraceLines { get; } = [];

    public override string ToString() => $"{PluginType} {MessageName} {PrimaryEntityName} stage {Stage} depth {Depth}";
}

public enum SystemJobStatus
{
    Waiting,
    Succeeded,
    Failed,
}

/// <summary>An asynchronous step execution (an asyncoperation row in Dataverse).</summary>
public sealed class SystemJob
{
    public Guid Id { get; } = Guid.NewGuid();
    public required string PluginType { get; init; }
    public required string MessageName { get; init; }
    public required string PrimaryEntityName { get; init; }
    public Guid PrimaryEntityId { get; init; }
    public DateTime CreatedOn { get; init; }
    public SystemJobStatus Status { get; internal set; }
    public DateTime? CompletedOn { get; internal set; }
    public string? Message { get; internal set; }
    public int? ErrorCode { get; internal set; }
}

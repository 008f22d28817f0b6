using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

public static class Expect
{
    /// <summary>
    /// The request is refused by a business rule: the caller gets the plug-in's InvalidPluginExecutionException (as the
    /// platform's fault) whose message contains <paramref name="message"/>, and nothing the request did is kept.
    /// </summary>
    public static DataverseFaultException Refused(this ScenarioEnvironment env, Action request, string message)
    {
        var writesBefore = env.Emulator.RowsWritten.Count;
        var fault = Assert.Throws<DataverseFaultException>(request);
        Assert.Contains(message, fault.Message, StringComparison.Ordinal);
        Assert.True(Root(fault) is InvalidPluginExecutionException, $"Expected a business-rule error, got {Root(fault)?.GetType().Name}: {fault.Message}");
        Assert.False(env.Emulator.LastRequest.Succeeded);
        Assert.Empty(env.Emulator.LastRequest.RowsWritten);
        Assert.Equal(writesBefore, env.Emulator.RowsWritten.Count);
        return fault;
    }

    /// <summary>No trace line and no error message of the whole scenario carries the scenario's patient data markers.</summary>
    public static void NoPatientDataLeaked(this ScenarioEnvironment env)
    {
        var markers = new[] { CareData.PatientFirstName, CareData.PatientLastName, CareData.ClinicalMarker };
        var leaks = env.Emulator.Requests.SelectMany(r => r.TraceLines.Concat(r.Fault == null ? Array.Empty<string>() : new[] { r.Fault.Message }))
            .Where(line => markers.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(leaks.Count == 0, "Patient data reached a trace or error message:\n" + string.Join("\n", leaks));
    }

    private static Exception? Root(Exception exception)
    {
        var current = exception;
        while (current is DataverseFaultException && current.InnerException != null) current = current.InnerException;
        return current;
    }
}

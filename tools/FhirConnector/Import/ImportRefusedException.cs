using System;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>An entry the connector will not write, with the element at fault and what to fix; it becomes the entry's OperationOutcome.</summary>
public sealed class ImportRefusedException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}

using System;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// Base of every scenario class: a fresh environment per test, and after each test a scan of every trace line and
/// error message it produced for the scenario's patient-data markers, so the whole suite proves no patient data leaks.
/// </summary>
public abstract class ScenarioTest : IDisposable
{
    protected readonly ScenarioEnvironment env = new();

    public void Dispose()
    {
        env.NoPatientDataLeaked();
        GC.SuppressFinalize(this);
    }
}

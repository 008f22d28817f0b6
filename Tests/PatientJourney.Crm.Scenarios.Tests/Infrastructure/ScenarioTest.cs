using System;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>
/// Base of every scenario class: a fresh environment per test, and after each test a scan of every trace line and
/// error message it produced for the scenario's patient-data markers, so the whole suite proves no patient data leaks.
/// </summary>
public abstract class ScenarioTest : IDisposable
{
    protected readonly ScenarioEnvironment env = new();

    /// <summary>
    /// From now on the scenario's requests run as the person who does this work: a user of the north clinic of a
    /// multi-unit organisation, holding Basic User plus <paramref name="role"/> (and the clinical notes profile where the
    /// solution grants it to that role). Configuration set up before (pathways, rules) stays the administrator's.
    /// </summary>
    protected Guid ActAsStaff(string role)
    {
        var org = new Organisation(env);
        var user = org.StaffMember(role, org.NorthClinic);
        env.ActAs(user);
        return user;
    }

    public void Dispose()
    {
        env.NoPatientDataLeaked();
        GC.SuppressFinalize(this);
    }
}

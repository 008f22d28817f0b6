using System;
using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Emulator.Benchmarks;

/// <summary>
/// Issue 10's scenario figure: booking an appointment for a consenting patient through the shipped plug-ins (the
/// appointment steps plan the 72 h and 24 h reminders), as a scenario test does it. Goal: median under 5 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ScenarioBenchmarks
{
    private DataverseEmulator emulator = null!;
    private IOrganizationService service = null!;
    private EmulatorSnapshot prepared = null!;
    private Guid patient;
    private DateTime start;
    private int booked;

    [GlobalSetup]
    public void Setup()
    {
        emulator = ShippedOrganisation.Create();
        service = emulator.CreateOrganizationService();
        patient = service.Create(new Entity(ContactTable.LogicalName) { [ContactTable.FirstName] = "Bench", [ContactTable.LastName] = "Patient" });
        service.Update(new Entity(ContactTable.LogicalName, patient)
        {
            [ContactTable.ConsentSms] = true, [ContactTable.PreferredChannel] = new OptionSetValue(Choices.Channel.SMS),
        });
        start = emulator.Clock.UtcNow.Date.AddDays(7).AddHours(10);
        emulator.ClearLog();
        prepared = emulator.Snapshot();
    }

    [Benchmark]
    public Guid BookAppointment()
    {
        // Keep the tables and the request log small so the figure is a steady-state one.
        if (++booked % 1000 == 0)
        {
            emulator.Restore(prepared);
            emulator.ClearLog();
        }
        var at = start.AddMinutes(30 * (booked % 1000));
        return service.Create(new Entity(AppointmentTable.LogicalName)
        {
            [AppointmentTable.Subject] = "Orthopaedic review", [AppointmentTable.ScheduledStart] = at, [AppointmentTable.ScheduledEnd] = at.AddMinutes(30),
            [AppointmentTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [AppointmentTable.Attendance] = new OptionSetValue(AppointmentTable.AttendanceOptions.Scheduled),
        });
    }
}

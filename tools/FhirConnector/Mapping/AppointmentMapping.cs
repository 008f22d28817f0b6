using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using Attendance = PatientJourney.Crm.Domain.LogicalNames.AppointmentTable.AttendanceOptions;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>Appointment → appointment, so the plug-ins plan reminders and no-show recovery from the EHR's schedule.</summary>
public static class AppointmentMapping
{
    public static EntryPlan Plan(Appointment appointment, ImportContext context)
    {
        var index = appointment.Participant.FindIndex(p => p.Actor?.Reference?.StartsWith("urn:uuid:", System.StringComparison.Ordinal) == true
            || p.Actor?.Reference?.Contains("Patient/", System.StringComparison.Ordinal) == true || p.Actor?.Identifier != null);
        if (index < 0) throw new ImportRefusedException("Appointment.participant", "No participant is the patient: add a participant whose actor is the Patient.");
        var patient = context.Patient(appointment.Participant[index].Actor, $"Appointment.participant[{index}].actor");
        if (appointment.Start == null || appointment.End == null)
            throw new ImportRefusedException(appointment.Start == null ? "Appointment.start" : "Appointment.end", "The appointment needs a start and an end for reminders and no-show follow-up.");
        return context.Write(appointment, new Entity(AppointmentTable.LogicalName)
        {
            [AppointmentTable.Subject] = appointment.Description ?? appointment.ServiceType.FirstOrDefault()?.Text ?? appointment.AppointmentType?.Text ?? "Appointment",
            [AppointmentTable.ScheduledStart] = appointment.Start.Value.UtcDateTime,
            [AppointmentTable.ScheduledEnd] = appointment.End.Value.UtcDateTime,
            [AppointmentTable.PatientId] = patient,
            [AppointmentTable.Attendance] = new OptionSetValue(Attendance(appointment)),
        });
    }

    /// <summary>Appointment.status (R4 value set, 10 codes) → attendance.</summary>
    public static int Attendance(Appointment appointment) => appointment.Status switch
    {
        Appointment.AppointmentStatus.Proposed or Appointment.AppointmentStatus.Pending or Appointment.AppointmentStatus.Waitlist
            or Appointment.AppointmentStatus.Booked => AppointmentTable.AttendanceOptions.Scheduled,
        Appointment.AppointmentStatus.CheckedIn or Appointment.AppointmentStatus.Arrived => AppointmentTable.AttendanceOptions.Arrived,
        Appointment.AppointmentStatus.Fulfilled => AppointmentTable.AttendanceOptions.Fulfilled,
        Appointment.AppointmentStatus.Noshow => AppointmentTable.AttendanceOptions.NoShow,
        // cancelationReason "pat" (patient) in the R4 appointment-cancellation-reason code system; anything else is the provider's.
        Appointment.AppointmentStatus.Cancelled => appointment.CancelationReason?.Coding.Any(c => c.Code == "pat" || c.Code?.StartsWith("pat-", System.StringComparison.Ordinal) == true) == true
            ? AppointmentTable.AttendanceOptions.CancelledByPatient : AppointmentTable.AttendanceOptions.CancelledByProvider,
        _ => throw new ImportRefusedException("Appointment.status", $"Status '{appointment.Status}' cannot be recorded as attendance: correct the appointment in the CRM instead of importing it."),
    };
}

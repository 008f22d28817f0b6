using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Plugins.Mapping;

namespace PatientJourney.Crm.Plugins.Appointments
{
    /// <summary>
    /// Recounts patients' attendance from their appointments (one aggregate query for all of them) and writes the
    /// counters, no-show rate, the smoothed no-show risk and its band to the patients (one Update each: plug-ins send no bulk
    /// messages). Recounting instead of adding one makes a replayed step harmless.
    /// </summary>
    internal static class AttendanceCounters
    {
        public static Dictionary<Guid, AttendanceHistory> Recount(IOrganizationService service, IReadOnlyCollection<Guid> patientIds)
        {
            var histories = patientIds.ToDictionary(id => id, id => new AttendanceHistory(0, 0));
            if (patientIds.Count == 0) return histories;
            var values = string.Concat(patientIds.Select(id => "<value>" + id.ToString("B") + "</value>"));
            var fetch = "<fetch aggregate='true'><entity name='" + AppointmentTable.LogicalName + "'>"
                + "<attribute name='" + AppointmentTable.PrimaryId + "' alias='n' aggregate='count' />"
                + "<attribute name='" + AppointmentTable.PatientId + "' alias='patient' groupby='true' />"
                + "<attribute name='" + AppointmentTable.Attendance + "' alias='attendance' groupby='true' />"
                + "<filter><condition attribute='" + AppointmentTable.PatientId + "' operator='in'>" + values + "</condition>"
                + "<condition attribute='" + AppointmentTable.Attendance + "' operator='in'>"
                + "<value>" + AppointmentTable.AttendanceOptions.Arrived + "</value><value>" + AppointmentTable.AttendanceOptions.Fulfilled + "</value>"
                + "<value>" + AppointmentTable.AttendanceOptions.NoShow + "</value></condition></filter></entity></fetch>";
            var attended = new Dictionary<Guid, int>();
            var missed = new Dictionary<Guid, int>();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var patient = IdOf(row.Get<AliasedValue>("patient")?.Value);
                var attendance = (row.Get<AliasedValue>("attendance")?.Value as OptionSetValue)?.Value;
                var count = Convert.ToInt32(row.Get<AliasedValue>("n")?.Value ?? 0, System.Globalization.CultureInfo.InvariantCulture);
                if (!patient.HasValue || !histories.ContainsKey(patient.Value)) continue;
                var bucket = attendance == AppointmentTable.AttendanceOptions.NoShow ? missed : attended;
                bucket[patient.Value] = (bucket.TryGetValue(patient.Value, out var n) ? n : 0) + count;
            }
            foreach (var id in patientIds)
                histories[id] = new AttendanceHistory(attended.TryGetValue(id, out var a) ? a : 0, missed.TryGetValue(id, out var m) ? m : 0);
            return histories;
        }

        public static void Write(IOrganizationService service, Dictionary<Guid, AttendanceHistory> histories)
        {
            if (histories.Count == 0) return;
            var updates = histories.Select(pair => new Entity(ContactTable.LogicalName, pair.Key)
            {
                [ContactTable.AppointmentCount] = pair.Value.AppointmentsDue,
                [ContactTable.NoShowCount] = pair.Value.NoShows,
                [ContactTable.NoShowRate] = pair.Value.NoShowRate,
                [ContactTable.NoShowRiskEstimate] = pair.Value.Risk.Value,
                [ContactTable.NoShowRiskBand] = pair.Value.Risk.Band.ToOption(),
            }).ToList();
            foreach (var update in updates) service.Update(update);
        }

        private static Guid? IdOf(object? value) => value is EntityReference reference ? reference.Id : value is Guid id ? id : (Guid?)null;
    }
}

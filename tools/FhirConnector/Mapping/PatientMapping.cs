using System;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>Patient → contact. A patient already registered by staff with the same MRN is linked, not duplicated.</summary>
public static class PatientMapping
{
    /// <summary>contact.statecode values (Dataverse: 0 Active, 1 Inactive).</summary>
    private const int Active = 0, Inactive = 1;

    public static EntryPlan Plan(Patient patient, ImportContext context)
    {
        var mrn = patient.Identifier.FirstOrDefault(i => i.System == context.Settings.MrnSystem)?.Value;
        var contact = new Entity(ContactTable.LogicalName);
        if (mrn != null) contact[ContactTable.Mrn] = mrn;
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        contact[ContactTable.FirstName] = name?.Given.FirstOrDefault();
        contact[ContactTable.LastName] = name?.Family ?? throw new ImportRefusedException("Patient.name.family", "The patient has no family name: the contact needs a last name.");
        // A partial birth date (year, or year and month) has no day to store: the column is left empty.
        contact[ContactTable.BirthDate] = patient.BirthDate is { Length: 10 } born
            ? DateTime.ParseExact(born, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)
            : null;
        contact[ContactTable.MobilePhone] = Telecom(patient, ContactPoint.ContactPointSystem.Phone, c => c.Use == ContactPoint.ContactPointUse.Mobile);
        contact[ContactTable.Telephone1] = Telecom(patient, ContactPoint.ContactPointSystem.Phone, c => c.Use != ContactPoint.ContactPointUse.Mobile);
        contact[ContactTable.EMailAddress1] = Telecom(patient, ContactPoint.ContactPointSystem.Email, _ => true);
        var address = patient.Address.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? patient.Address.FirstOrDefault();
        contact[ContactTable.Address1Line1] = address?.Line.FirstOrDefault();
        contact[ContactTable.Address1City] = address?.City;
        contact[ContactTable.Address1StateOrProvince] = address?.State;
        contact[ContactTable.Address1PostalCode] = address?.PostalCode;
        contact[ContactTable.Address1Country] = address?.Country;
        var language = patient.Communication.FirstOrDefault(c => c.Preferred == true) ?? patient.Communication.FirstOrDefault();
        contact[ContactTable.PreferredLanguage] = language?.Language?.Coding.FirstOrDefault()?.Code;
        // Patient.active false: the record is no longer in use (merged, created in error); the contact is deactivated.
        contact[ContactTable.StateCode] = new OptionSetValue(patient.Active == false ? Inactive : Active);
        return context.Write(patient, contact, mrn == null ? null : context.FindByMrn(mrn));
    }

    private static string? Telecom(Patient patient, ContactPoint.ContactPointSystem system, Func<ContactPoint, bool> use) =>
        patient.Telecom.FirstOrDefault(c => c.System == system && c.Period?.End == null && use(c))?.Value;
}

namespace PatientJourney.Crm.Schema;

/// <summary>What kind of data a column holds; drives auditing and field security (HIPAA minimum necessary).</summary>
public enum DataClassification
{
    /// <summary>Workflow and configuration data with no patient information.</summary>
    Operational,
    /// <summary>Identifies or describes a patient (links to the patient, dates of care, contact details): audited.</summary>
    PatientIdentifying,
    /// <summary>Free text that may hold clinical detail: audited and guarded by the field security profile.</summary>
    ClinicalFreeText,
}

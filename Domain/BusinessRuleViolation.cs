using System;

namespace PatientJourney.Crm.Domain
{
    /// <summary>
    /// A request breaks a business rule. The message tells a staff member what to change, and never contains patient
    /// data (names, free text, identifiers). Plug-ins and workflow activities turn it into the platform's
    /// InvalidPluginExecutionException, which rolls the request back and shows the message.
    /// </summary>
    public sealed class BusinessRuleViolation : Exception
    {
        public BusinessRuleViolation(string message)
            : base(message)
        {
        }
    }
}

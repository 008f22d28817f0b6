using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;

namespace PatientJourney.Crm.Infrastructure
{
    /// <summary>
    /// The error policy every step and activity follows: an <see cref="InvalidPluginExecutionException"/> is an expected
    /// error whose message the user sees, so it passes through untouched; anything else is unexpected, so its type and
    /// stack go to the trace log (never its message, which may quote record data) and it is rethrown for the platform
    /// to roll back and report. A <see cref="BusinessRuleViolation"/> from the domain rules becomes an
    /// <see cref="InvalidPluginExecutionException"/> with the same message.
    /// </summary>
    internal static class ExecutionGuard
    {
        public static void Run(ITracingService tracing, string component, Action body)
        {
            tracing.Trace("{0}: start", component);
            try
            {
                body();
            }
            catch (BusinessRuleViolation violation)
            {
                tracing.Trace("{0}: stopped by a business rule", component);
                throw new InvalidPluginExecutionException(violation.Message, violation);
            }
            catch (InvalidPluginExecutionException)
            {
                tracing.Trace("{0}: stopped with a business-rule error", component);
                throw;
            }
            catch (Exception unexpected)
            {
                tracing.Trace("{0}: unexpected {1}\n{2}", component, unexpected.GetType().FullName!, unexpected.StackTrace ?? string.Empty);
                throw;
            }
            tracing.Trace("{0}: done", component);
        }
    }
}

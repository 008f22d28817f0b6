namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>Checks a score input against its plausible range, naming the input and the range in the message.</summary>
    internal static class InputRange
    {
        public static void Check(string input, decimal value, decimal min, decimal max)
        {
            if (value < min || value > max)
                throw new BusinessRuleViolation($"{input} must be between {min} and {max}; check the value entered.");
        }
    }
}

namespace PatientJourney.Crm.Domain
{
    /// <summary>Text a caller passes to a custom API or activity, checked against the column it is stored in.</summary>
    public static class TextParameter
    {
        /// <summary>Refuses text longer than its column, naming the parameter and its limit (never quoting the text, which may be clinical).</summary>
        public static void EnsureFits(string? value, string parameter, int maxLength)
        {
            if (value != null && value.Length > maxLength)
                throw new BusinessRuleViolation($"The {parameter} parameter is {value.Length} characters long; it may hold at most {maxLength}. Shorten it.");
        }
    }
}

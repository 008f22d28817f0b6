using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>
    /// A risk model's inputs as a flat JSON object of numbers and true/false values, for example
    /// {"lengthOfStayDays": 5, "acuteAdmission": true, "charlsonScore": 2, "emergencyVisitsPrevious6Months": 1}.
    /// Names are matched without regard to case. Errors name the input, never its value.
    /// </summary>
    public sealed class RiskInputs
    {
        private readonly Dictionary<string, object?> values;

        private RiskInputs(Dictionary<string, object?> values) => this.values = values;

        public static RiskInputs Parse(string? json)
        {
            if (string.IsNullOrWhiteSpace(json)) throw new BusinessRuleViolation("The risk inputs are missing; give them as a JSON object such as {\"lengthOfStayDays\": 5}.");
            var parser = new Parser(json!);
            return new RiskInputs(parser.ReadObject());
        }

        public int Integer(string name)
        {
            var value = Number(name);
            if (value != decimal.Truncate(value) || value < int.MinValue || value > int.MaxValue)
                throw new BusinessRuleViolation($"The risk input \"{name}\" must be a whole number.");
            return (int)value;
        }

        public decimal Number(string name)
        {
            var value = Required(name);
            if (value is decimal number) return number;
            throw new BusinessRuleViolation($"The risk input \"{name}\" must be a number.");
        }

        public bool Flag(string name)
        {
            var value = Required(name);
            if (value is bool flag) return flag;
            throw new BusinessRuleViolation($"The risk input \"{name}\" must be true or false.");
        }

        private object Required(string name)
        {
            if (values.TryGetValue(name, out var value) && value != null) return value;
            throw new BusinessRuleViolation($"The risk input \"{name}\" is missing; add it to the inputs.");
        }

        private sealed class Parser
        {
            private const string Malformed = "The risk inputs are not a JSON object of numbers and true/false values, such as {\"lengthOfStayDays\": 5, \"acuteAdmission\": true}.";
            private readonly string text;
            private int position;

            public Parser(string text) => this.text = text;

            public Dictionary<string, object?> ReadObject()
            {
                var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                Expect('{');
                SkipSpace();
                if (Peek() == '}')
                {
                    position++;
                    return End(result);
                }
                while (true)
                {
                    SkipSpace();
                    var name = ReadString();
                    Expect(':');
                    SkipSpace();
                    result[name] = ReadValue();
                    SkipSpace();
                    var next = Next();
                    if (next == '}') return End(result);
                    if (next != ',') throw new BusinessRuleViolation(Malformed);
                }
            }

            private Dictionary<string, object?> End(Dictionary<string, object?> result)
            {
                SkipSpace();
                if (position != text.Length) throw new BusinessRuleViolation(Malformed);
                return result;
            }

            private object? ReadValue()
            {
                if (Word("true")) return true;
                if (Word("false")) return false;
                if (Word("null")) return null;
                var start = position;
                while (position < text.Length && "+-0123456789.eE".IndexOf(text[position]) >= 0) position++;
                if (position > start && decimal.TryParse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
                throw new BusinessRuleViolation(Malformed);
            }

            private string ReadString()
            {
                Expect('"');
                var builder = new StringBuilder();
                while (position < text.Length && text[position] != '"')
                {
                    if (text[position] == '\\') throw new BusinessRuleViolation(Malformed);
                    builder.Append(text[position++]);
                }
                Expect('"');
                return builder.ToString();
            }

            private bool Word(string word)
            {
                if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0) return false;
                position += word.Length;
                return true;
            }

            private void Expect(char c)
            {
                SkipSpace();
                if (Next() != c) throw new BusinessRuleViolation(Malformed);
            }

            private char Next() => position < text.Length ? text[position++] : '\0';

            private char Peek() => position < text.Length ? text[position] : '\0';

            private void SkipSpace()
            {
                while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            }
        }
    }
}

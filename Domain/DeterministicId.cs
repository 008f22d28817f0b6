using System;

namespace PatientJourney.Crm.Domain
{
    /// <summary>
    /// A stable id derived from a record id and a discriminator, for rows that must be written once per event
    /// (a replayed step finds the row it wrote before instead of writing a second one). Not cryptographic.
    /// </summary>
    public static class DeterministicId
    {
        public static Guid From(Guid source, string discriminator)
        {
            var bytes = source.ToByteArray();
            ulong first = 14695981039346656037UL, second = 1099511628211UL ^ 0x9E3779B97F4A7C15UL;
            foreach (var b in bytes) Mix(ref first, ref second, b);
            foreach (var c in discriminator ?? string.Empty)
            {
                Mix(ref first, ref second, (byte)c);
                Mix(ref first, ref second, (byte)(c >> 8));
            }
            var result = new byte[16];
            BitConverter.GetBytes(first).CopyTo(result, 0);
            BitConverter.GetBytes(second).CopyTo(result, 8);
            result[7] = (byte)((result[7] & 0x0F) | 0x50);   // version nibble, so the value reads as a name-based id
            result[8] = (byte)((result[8] & 0x3F) | 0x80);   // RFC 4122 variant
            return new Guid(result);
        }

        public static Guid From(Guid source, DateTime instant) => From(source, instant.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

        private static void Mix(ref ulong first, ref ulong second, byte value)
        {
            first = (first ^ value) * 1099511628211UL;
            second = (second ^ value) * 0x100000001B3UL + (first >> 29);
        }
    }
}

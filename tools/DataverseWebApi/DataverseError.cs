using System;
using System.Globalization;
using System.Text.Json;

namespace PatientJourney.Crm.DataverseWebApi;

/// <summary>
/// Dataverse's error body, <c>{"error":{"code":"0x80040217","message":"…"}}</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#parse-errors-from-the-response):
/// the code (hex, as the SDK's <c>OrganizationServiceFault.ErrorCode</c> when read as an int) and the message.
/// </summary>
public sealed record DataverseError(int ErrorCode, string Message)
{
    /// <summary>The code as Dataverse writes it (0x80040217), or empty when the body had none.</summary>
    public string Code => ErrorCode == 0 ? "" : "0x" + unchecked((uint)ErrorCode).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The error in <paramref name="text"/>: a whole body, or a $batch part whose JSON follows its HTTP headers. Null when it holds none.</summary>
    public static DataverseError? Parse(string text)
    {
        var start = text.IndexOf("{\"error\"", StringComparison.Ordinal);
        if (start < 0) return null;
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text[start..]));
            using var document = JsonDocument.ParseValue(ref reader);
            var error = document.RootElement.GetProperty("error");
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { } hex
                && hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && uint.TryParse(hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
                ? unchecked((int)value) : 0;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new DataverseError(code, string.IsNullOrWhiteSpace(message) ? "(no message)" : message!);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            return null;
        }
    }
}

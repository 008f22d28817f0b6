using System;
using System.Collections.Generic;
using System.Text;

namespace PatientJourney.Crm.Emulator.WebApi.Handlers;

/// <summary>
/// One Web API request, independent of where it came from: an HTTP request, or a part of a <c>$batch</c>.
/// <see cref="Path"/> is what follows <c>/api/data/v9.2/</c>; <see cref="Query"/> is decoded.
/// </summary>
public sealed class WebApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; init; } = [];
    /// <summary>The service root, e.g. http://127.0.0.1:5000/api/data/v9.2/.</summary>
    public required string ServiceRoot { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the Web API answers: status, headers and a JSON body (or none).</summary>
public sealed class WebApiResponse
{
    public WebApiResponse(int status, string? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public string? Body { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] BodyBytes => Body == null ? [] : Encoding.UTF8.GetBytes(Body);

    public WebApiResponse With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}

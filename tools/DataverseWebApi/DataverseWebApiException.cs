using System;
using System.Net;

namespace PatientJourney.Crm.DataverseWebApi;

/// <summary>
/// Dataverse refused a Web API request, or kept throttling it past the retries. The message names the HTTP status, the
/// table's entity set (never the key or filter values of the address, which may be identifiers) and Dataverse's error
/// code and message, with what to check.
/// </summary>
public sealed class DataverseWebApiException : Exception
{
    public DataverseWebApiException(HttpStatusCode status, string resource, DataverseError? error, string advice)
        : base(Describe(status, resource, error, advice))
    {
        Status = status;
        Resource = resource;
        Error = error;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The entity set, function or action asked for (e.g. <c>contacts</c>, <c>$batch</c>), without keys or query.</summary>
    public string Resource { get; }

    /// <summary>Dataverse's error body, when it sent one.</summary>
    public DataverseError? Error { get; }

    private static string Describe(HttpStatusCode status, string resource, DataverseError? error, string advice)
    {
        var answer = $"The environment answered {(int)status} {status} to {resource}";
        if (error != null) answer += error.Code.Length > 0 ? $" with error {error.Code}: {error.Message}" : $": {error.Message}";
        return answer.TrimEnd('.') + ". " + advice;
    }

    /// <summary>What to check for a refused request, by status.</summary>
    public static string AdviceFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Check the sign-in: the tenant, the client id and secret, and that the app registration is an application user of the environment.",
        HttpStatusCode.Forbidden => "Give the application user (or the signed-in user) a security role with the privileges the command needs on the solution's tables.",
        HttpStatusCode.NotFound => "Check --url, and that the Patient Journey solution is installed in that environment.",
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => "Dataverse's service protection limits were reached; wait a few minutes, or run fewer clients against the environment at once, then run again.",
        _ => "Correct what the message names and run again.",
    };
}

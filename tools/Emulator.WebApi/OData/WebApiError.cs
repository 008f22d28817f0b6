using System;
using System.Net;
using PatientJourney.Crm.Emulator.Faults;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>
/// An error the Web API answers with: HTTP status and the body <c>{"error":{"code":"0x…","message":"…"}}</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#parse-errors-from-the-response).
/// Messages name columns and tables, never the values sent (they may be patient data).
/// </summary>
public sealed class WebApiError : Exception
{
    public WebApiError(HttpStatusCode status, int code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public int Code { get; }

    public string HexCode => "0x" + Code.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    // Codes and messages as the troubleshooting page shows them:
    // https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors

    /// <summary>0x8006088a: an entity set, function or action name that does not exist (names are case sensitive).</summary>
    public static WebApiError ResourceNotFound(string segment) =>
        new(HttpStatusCode.NotFound, unchecked((int)0x8006088a), $"Resource not found for the segment '{segment}'.");

    /// <summary>0x0: a query option names a property the entity type does not have.</summary>
    public static WebApiError NoProperty(string property, string table) =>
        new(HttpStatusCode.BadRequest, 0, $"Could not find a property named '{property}' on type 'Microsoft.Dynamics.CRM.{table}'.");

    /// <summary>A query option that does not parse (0x80060888, the code Dataverse gives OData syntax errors).</summary>
    public static WebApiError BadQuery(string message) => new(HttpStatusCode.BadRequest, unchecked((int)0x80060888), message);

    /// <summary>0x80048d19: the request body does not fit the entity type (malformed JSON, unknown property, wrong type).</summary>
    public static WebApiError BadPayload(string entitySet, string detail) =>
        new(HttpStatusCode.BadRequest, unchecked((int)0x80048d19),
            $"Error identified in Payload provided by the user for Entity :'{entitySet}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: {detail}");

    /// <summary>A request whose HTTP method the resource does not accept.</summary>
    public static WebApiError MethodNotAllowed(string method, string resource) =>
        new(HttpStatusCode.MethodNotAllowed, unchecked((int)0x80060888), $"The HTTP method '{method}' is not allowed on '{resource}'.");

    /// <summary>
    /// The status Dataverse answers an OrganizationServiceFault with: not-found faults 404, duplicate keys 412
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api),
    /// missing privileges 403, faults from plug-ins and validation 400, anything unexpected 500.
    /// </summary>
    public static WebApiError FromFault(DataverseFaultException fault)
    {
        var status = (uint)fault.ErrorCode switch
        {
            0x80040217 or 0x80060891 => HttpStatusCode.NotFound,
            0x80040237 or 0x80060892 => HttpStatusCode.PreconditionFailed,
            0x80040220 or 0x80042f09 or 0x8004140f => HttpStatusCode.Forbidden,
            0x80040216 or 0x80040224 => HttpStatusCode.InternalServerError,
            _ => HttpStatusCode.BadRequest,
        };
        return new WebApiError(status, fault.ErrorCode, fault.Message);
    }
}

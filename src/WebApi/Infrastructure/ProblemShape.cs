namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// One error shape everywhere: whoever writes the problem (an endpoint, the exception handler, the status-code
/// pages for an unmatched route or the JWT challenge, the rate limiter), it gets the same <c>type</c> and
/// <c>title</c> for its status, and a <c>traceId</c>.
/// </summary>
public static class ProblemShape
{
    public const string ValidationTitle = "One or more fields are invalid.";

    /// <summary>The prefix of the problem types this API defines itself (<c>RejectionException.ProblemType</c>).</summary>
    public const string OwnTypePrefix = "urn:cleanauth:problem:";

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request.",
        StatusCodes.Status401Unauthorized => "Unauthorized.",
        StatusCodes.Status403Forbidden => "Forbidden.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
        StatusCodes.Status409Conflict => "Conflict.",
        StatusCodes.Status413PayloadTooLarge => "Request body too large.",
        StatusCodes.Status414UriTooLong => "URI too long.",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large.",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable.",
        >= 500 => "An unexpected error occurred.",
        _ => "Request refused.",
    };

    /// <summary>The RFC section that defines the status (RFC 9110 §15, or RFC 6585 for 429 and 431).</summary>
    public static string Type(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        >= 500 => $"https://tools.ietf.org/html/rfc9110#section-15.6.{status - 499}",
        _ => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
    };

    /// <summary>For <c>AddProblemDetails(o => o.CustomizeProblemDetails = ProblemShape.Apply)</c>.</summary>
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        // A refusal with a type of its own (e.g. two-factor-required) keeps it; every other gets its status's.
        problem.Type = problem.Type?.StartsWith(OwnTypePrefix, StringComparison.Ordinal) == true ? problem.Type : Type(status);
        if (problem is not HttpValidationProblemDetails || problem.Title != ValidationTitle)
        {
            problem.Title = Title(status);
        }

        // The two refusals written without a detail by the framework (the bearer challenge, routing's 415) still teach.
        problem.Detail ??= status switch
        {
            StatusCodes.Status401Unauthorized => TokenChallenge.DetailOf(context.HttpContext),
            StatusCodes.Status415UnsupportedMediaType => BindingFailures.UnsupportedMediaTypeDetail(context.HttpContext),
            _ => null,
        };

        problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
    }
}

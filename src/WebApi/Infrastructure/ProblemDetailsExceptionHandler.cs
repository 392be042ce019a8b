using CleanAuth.Application.Common.Exceptions;
using CleanAuth.WebApi.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Serilog;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Turns every exception into an RFC 9457 problem. Expected outcomes carry their own safe message;
/// anything else is a 500 whose details stay in the log, never in the response. A 5xx's exception is
/// handed to the request log event, which is then written once, at Error, with it; nothing else logs it.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetailsService,
    IDiagnosticContext diagnosticContext) : IExceptionHandler
{
    public const int StorageRetryAfterSeconds = 5;

    /// <summary>A sign-in refused for want of hashing capacity: a slot frees within about a tenth of a second.</summary>
    public const int BusyRetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // The client has gone; there is nobody to answer.
        }

        var problem = ToProblem(exception, httpContext);
        if (exception is ServiceBusyException)
        {
            httpContext.Items[RequestLogging.LoadShed] = true;
        }
        else if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            diagnosticContext.SetException(exception);
        }

        if (exception is StorageUnavailableException or ServiceBusyException)
        {
            httpContext.Response.Headers.RetryAfter = (exception is ServiceBusyException ? BusyRetryAfterSeconds : StorageRetryAfterSeconds)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (exception is RecentSignInRequiredException recent)
        {
            // RFC 9470's step-up challenge: the token is valid, its authentication too old for this resource.
            httpContext.Response.Headers.WWWAuthenticate = RecentSignInChallenge(recent.MaxAgeSeconds);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpContext httpContext) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusOf(validation.Kind),
            Title = TitleOf(validation.Kind),
        },
        RejectionException e => Problem(StatusOf(e.Kind), TitleOf(e.Kind), e.Message, e.ProblemType),
        StorageUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable.",
            "The data store cannot be reached right now. Retry later."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Problem(StatusCodes.Status415UnsupportedMediaType,
            ProblemShape.Title(StatusCodes.Status415UnsupportedMediaType), BindingFailures.UnsupportedMediaTypeDetail(httpContext)),
        BadHttpRequestException e => BindingFailures.ParameterProblem(e) ?? Problem(e.StatusCode, ProblemShape.Title(e.StatusCode), BadRequestDetail(e.StatusCode)),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error has been logged. Quote the trace id when reporting it."),
    };

    /// <summary>The <c>WWW-Authenticate</c> value of a refusal for want of a recent sign-in (RFC 9470 §3).</summary>
    public static string RecentSignInChallenge(int maxAgeSeconds) =>
        $"Bearer error=\"insufficient_user_authentication\", max_age={maxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The one mapping of a rejection to its status (ADR 0034); every subclass of a kind answers alike.</summary>
    public static int StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => StatusCodes.Status400BadRequest,
        RejectionKind.NotFound => StatusCodes.Status404NotFound,
        RejectionKind.Conflict => StatusCodes.Status409Conflict,
        RejectionKind.Unauthorized => StatusCodes.Status401Unauthorized,
        RejectionKind.Forbidden => StatusCodes.Status403Forbidden,
        RejectionKind.UnsupportedMedia => StatusCodes.Status415UnsupportedMediaType,
        RejectionKind.ContentTooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionKind.Busy => StatusCodes.Status503ServiceUnavailable,
        RejectionKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A rejection kind without a status."),
    };

    private static string TitleOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => ProblemShape.ValidationTitle,
        RejectionKind.NotFound => "Not found.",
        RejectionKind.Conflict => "Conflict.",
        RejectionKind.Unauthorized => "Unauthorized.",
        RejectionKind.Forbidden => "Forbidden.",
        RejectionKind.UnsupportedMedia => "Unsupported media type.",
        RejectionKind.ContentTooLarge => "Request body too large.",
        RejectionKind.Busy => "Service unavailable.",
        RejectionKind.PreconditionFailed => "Precondition failed.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A rejection kind without a title."),
    };

    private static ProblemDetails Problem(int status, string title, string detail, string? type = null) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };

    // The framework's own messages name parameters and types; a fixed sentence per status tells the client enough.
    private static string BadRequestDetail(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        StatusCodes.Status414UriTooLong => $"The request target is longer than {RequestHeadLimits.MaxTargetBytes} bytes.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => $"The request has more than {RequestHeadLimits.MaxHeaderCount} header fields or more than {RequestHeadLimits.MaxHeaderBytes} bytes of headers.",
        _ => "The request could not be read. Check that the body is well-formed and each field has the expected type.",
    };
}

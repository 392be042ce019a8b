using Serilog;
using Serilog.AspNetCore;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// One event per request: method, path (never the query string), route, endpoint name, status, elapsed
/// milliseconds, caller and client address. No headers, no cookies, no bodies.
/// </summary>
public static class RequestLogging
{
    public const int RequestCompletedEventId = 3100;
    public const string RequestCompletedEventName = "HttpRequestCompleted";

    public static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.Logger = logger;
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {ElapsedMs} ms";
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("EventId", new { Id = RequestCompletedEventId, Name = RequestCompletedEventName }, destructureObjects: true);
            diagnostics.Set("RequestId", context.TraceIdentifier);
            diagnostics.Set("UserId", context.User.FindFirst("sub")?.Value);
            diagnostics.Set("ClientIp", context.Connection.RemoteIpAddress?.ToString());
        };
        options.GetLevel = (context, _, exception) =>
            IsProbe(context) && context.Response.StatusCode < 400 ? LogEventLevel.Debug
            : context.Items.ContainsKey(LoadShed) ? LogEventLevel.Warning
            : LevelFor(context.Response.StatusCode, exception);
    }

    /// <summary>
    /// Set on a request refused for want of capacity (a 503 that is the service protecting itself, as a 429 is):
    /// a Warning, without an exception, not an Error per refused request in a flood.
    /// </summary>
    public const string LoadShed = "CleanAuth.LoadShed";

    // Load balancers poll the health routes every few seconds; a healthy answer is not worth a line each time.
    private static bool IsProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 5xx (or an exception that escaped) is an Error; 401, 403 and 429 are Warnings, because in bursts they
    /// mean someone is guessing, probing or flooding; every other answer, other 4xx included, is Information.
    /// </summary>
    public static LogEventLevel LevelFor(int statusCode, Exception? exception) => statusCode switch
    {
        >= 500 => LogEventLevel.Error,
        _ when exception is not null => LogEventLevel.Error,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests => LogEventLevel.Warning,
        _ => LogEventLevel.Information,
    };

    /// <summary>
    /// Puts RequestId and ClientIp on every event logged while the request runs (the request event gets them
    /// from the diagnostic context); call it just inside the request logging.
    /// </summary>
    public static IApplicationBuilder UseRequestLogContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
        using (LogContext.PushProperty("ClientIp", context.Connection.RemoteIpAddress?.ToString()))
        {
            await next(context);
        }
    });

    /// <summary>
    /// Records the matched endpoint's name and route template, right after routing: the exception handler
    /// clears the endpoint before it writes a problem, so it cannot be read when the request completes.
    /// </summary>
    public static IApplicationBuilder UseEndpointLogContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var requestName = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var diagnostics = context.RequestServices.GetRequiredService<IDiagnosticContext>();
        diagnostics.Set("RequestName", requestName);
        diagnostics.Set("Route", route);
        using (LogContext.PushProperty("Route", route))
        {
            await next(context);
        }
    });

    /// <summary>Puts the authenticated caller's id on every event logged after authentication.</summary>
    public static IApplicationBuilder UseUserLogContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using (LogContext.PushProperty("UserId", context.User.FindFirst("sub")?.Value))
        {
            await next(context);
        }
    });
}

/// <summary>
/// Serilog's request event carries <c>Elapsed</c> with sub-microsecond digits; this renames it to
/// <c>ElapsedMs</c>, rounded to 0.01 ms, the name and precision every other event uses.
/// </summary>
public sealed class ElapsedMsEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue("Elapsed", out var value) && value is ScalarValue { Value: double elapsed })
        {
            logEvent.RemovePropertyIfPresent("Elapsed");
            logEvent.AddOrUpdateProperty(new LogEventProperty("ElapsedMs", new ScalarValue(Math.Round(elapsed, 2))));
        }
    }
}

using Serilog.AspNetCore;
using Serilog.Events;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// One event per request, the only Information line a successful request writes: method, path (never the query
/// string), route, endpoint name, the use case it ran and its outcome, status, elapsed milliseconds, caller and
/// client address (the last two, with the request id, from <see cref="HttpRequestEnricher"/>). No headers, no
/// cookies, no bodies.
/// </summary>
public static class RequestLogging
{
    public const int RequestCompletedEventId = 3100;
    public const string RequestCompletedEventName = "HttpRequestCompleted";

    // The same for every request, so built once (Serilog would otherwise destructure an object per request).
    private static readonly LogEventProperty EventId = new(ClefFormatter.EventIdProperty, new StructureValue(
    [
        new LogEventProperty("Id", new ScalarValue(RequestCompletedEventId)),
        new LogEventProperty("Name", new ScalarValue(RequestCompletedEventName)),
    ]));

    public static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.Logger = logger;
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {ElapsedMs} ms";
        options.GetMessageTemplateProperties = Properties;
        options.GetLevel = (context, _, exception) =>
            IsProbe(context) && context.Response.StatusCode < 400 ? LogEventLevel.Debug
            : context.Items.ContainsKey(LoadShed) ? LogEventLevel.Warning
            : LevelFor(context.Response.StatusCode, exception);
    }

    private static LogEventProperty[] Properties(HttpContext context, string path, double elapsedMs, int statusCode)
    {
        var request = context.Features.Get<RequestLogFeature>();
        return
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(path)),
            new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
            new LogEventProperty("ElapsedMs", new ScalarValue(Math.Round(elapsedMs, 2))),
            EventId,
            new LogEventProperty("RequestName", new ScalarValue(request?.EndpointName)),
            new LogEventProperty("Route", new ScalarValue(request?.Route)),
            new LogEventProperty("UseCase", new ScalarValue(request?.UseCase)),
            new LogEventProperty("Outcome", new ScalarValue(request?.Outcome)),
        ];
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
    /// Records the matched endpoint's name and route template, right after routing: the exception handler
    /// clears the endpoint before it writes a problem, so it cannot be read when the request completes.
    /// </summary>
    public static IApplicationBuilder UseEndpointLogContext(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var request = RequestLogFeature.Of(context);
        request.EndpointName = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        request.Route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        return next(context);
    });
}

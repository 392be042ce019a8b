using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// Gives every event logged while a request runs (its request event too) <c>RequestId</c>, <c>ClientIp</c>,
/// <c>UserId</c> (null until the caller is authenticated, or when anonymous) and <c>Route</c> (once routed). Read
/// from the current request when an event is written, instead of pushed onto the log context by middleware on
/// every request: most requests write only their request event, so this is paid once, not per property per request.
/// </summary>
public sealed class HttpRequestEnricher(IHttpContextAccessor accessor) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (accessor.HttpContext is not { } context)
        {
            return;
        }

        logEvent.AddPropertyIfAbsent(new LogEventProperty("RequestId", new ScalarValue(context.TraceIdentifier)));
        logEvent.AddPropertyIfAbsent(new LogEventProperty("UserId", new ScalarValue(context.User.FindFirst("sub")?.Value)));
        logEvent.AddPropertyIfAbsent(new LogEventProperty("ClientIp", new ScalarValue(context.Connection.RemoteIpAddress?.ToString())));
        if (context.Features.Get<RequestLogFeature>()?.Route is { } route)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty("Route", new ScalarValue(route)));
        }
    }
}

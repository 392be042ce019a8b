using Serilog.AspNetCore;
using Serilog.Events;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>One event per request: method, path (never the query string), status, elapsed, caller. No headers, no bodies.</summary>
public static class RequestLogging
{
    public static void Configure(RequestLoggingOptions options)
    {
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("UserId", context.User.FindFirst("sub")?.Value);
            diagnostics.Set("ClientIp", context.Connection.RemoteIpAddress?.ToString());
            diagnostics.Set("TraceId", System.Diagnostics.Activity.Current?.TraceId.ToString());
        };
        options.GetLevel = (context, _, exception) => exception is not null || context.Response.StatusCode >= 500
            ? LogEventLevel.Error
            : LogEventLevel.Information;
    }
}

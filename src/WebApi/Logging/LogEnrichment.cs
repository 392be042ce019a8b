using Serilog;

namespace CleanAuth.WebApi.Logging;

/// <summary>What every logger of the host adds to every event, whatever its sinks (docs/logging.md).</summary>
public static class LogEnrichment
{
    /// <summary>
    /// <c>EventName</c>, the name of Microsoft.Extensions.Logging's EventId, as a top-level property, so every sink
    /// (console, file, Seq) can be queried by <c>EventName = 'LoginFailed'</c>: Serilog.Expressions' computed property.
    /// </summary>
    public static LoggerConfiguration EnrichWithEventName(this LoggerConfiguration logger) =>
        logger.Enrich.WithComputed("EventName", $"{ClefFormatter.EventIdProperty}.Name");
}

using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// Copies the name of an event's id (Microsoft.Extensions.Logging's <c>EventId.Name</c>) to a top-level
/// <c>EventName</c> property, so every sink (console CLEF, file, Seq) can be queried by <c>EventName = 'LoginFailed'</c>.
/// </summary>
public sealed class EventNameEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(ClefFormatter.EventIdProperty, out var value) && value is StructureValue structure)
        {
            foreach (var property in structure.Properties)
            {
                if (property is { Name: "Name", Value: ScalarValue { Value: string name } })
                {
                    logEvent.AddPropertyIfAbsent(new LogEventProperty("EventName", new ScalarValue(name)));
                    return;
                }
            }
        }
    }
}

using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// Compact log event format (CLEF), one JSON object a line, in the shape <c>docs/logging.md</c> documents:
/// <c>@t</c>, <c>@mt</c>, <c>@r</c>, <c>@l</c> (always written), <c>@x</c>, <c>@i</c> (the event id) and
/// <c>EventName</c> lifted from Microsoft.Extensions.Logging's EventId, <c>TraceId</c> and <c>SpanId</c> from
/// the current activity, then every other property. Readable by Seq, <c>jq</c> and any CLEF tool.
/// </summary>
public sealed class ClefFormatter : ITextFormatter
{
    private readonly JsonValueFormatter _values = new(typeTagName: "$type");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output = new LineSeparatorEscapingWriter(output);

        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@mt\":");
        JsonValueFormatter.WriteQuotedJsonString(logEvent.MessageTemplate.Text, output);
        WriteRenderings(logEvent, output);
        output.Write(",\"@l\":\"");
        output.Write(logEvent.Level.ToString());
        output.Write('"');

        if (logEvent.Exception is not null)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(logEvent.Exception.ToString(), output);
        }

        var eventId = EventIdOf(logEvent);
        if (eventId.Id is { } id)
        {
            output.Write(",\"@i\":");
            output.Write(id.ToString(CultureInfo.InvariantCulture));
        }

        if (eventId.Name is { } eventName && !logEvent.Properties.ContainsKey("EventName"))
        {
            output.Write(",\"EventName\":");
            JsonValueFormatter.WriteQuotedJsonString(eventName, output);
        }

        if (logEvent.TraceId is { } traceId && !logEvent.Properties.ContainsKey("TraceId"))
        {
            output.Write(",\"TraceId\":\"");
            output.Write(traceId.ToHexString());
            output.Write('"');
        }

        if (logEvent.SpanId is { } spanId && !logEvent.Properties.ContainsKey("SpanId"))
        {
            output.Write(",\"SpanId\":\"");
            output.Write(spanId.ToHexString());
            output.Write('"');
        }

        foreach (var (name, value) in logEvent.Properties)
        {
            if (name == EventIdProperty)
            {
                continue;
            }

            output.Write(',');
            // CLEF reserves a leading '@' for its own fields; a property that starts with one gets it doubled.
            JsonValueFormatter.WriteQuotedJsonString(name.StartsWith('@') ? "@" + name : name, output);
            output.Write(':');
            _values.Format(value, output);
        }

        output.Write('}');
        output.WriteLine();
    }

    /// <summary>The property Microsoft.Extensions.Logging's EventId arrives in, or that code sets for events written straight to Serilog.</summary>
    public const string EventIdProperty = "EventId";

    private static (int? Id, string? Name) EventIdOf(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue(EventIdProperty, out var value))
        {
            return (null, null);
        }

        if (value is StructureValue structure)
        {
            int? id = null;
            string? name = null;
            foreach (var property in structure.Properties)
            {
                if (property is { Name: "Id", Value: ScalarValue { Value: int number } })
                {
                    id = number;
                }
                else if (property is { Name: "Name", Value: ScalarValue { Value: string text } })
                {
                    name = text;
                }
            }

            return (id, name);
        }

        return value is ScalarValue { Value: int scalar } ? (scalar, null) : (null, null);
    }

    private static void WriteRenderings(LogEvent logEvent, TextWriter output)
    {
        // Most templates format nothing ("{ElapsedMs}", not "{ElapsedMs:0.0}"): nothing to render, nothing allocated.
        var first = true;
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is not PropertyToken { Format: not null } property)
            {
                continue;
            }

            output.Write(first ? ",\"@r\":[" : ",");
            first = false;
            using var rendered = new StringWriter(CultureInfo.InvariantCulture);
            property.Render(logEvent.Properties, rendered, CultureInfo.InvariantCulture);
            JsonValueFormatter.WriteQuotedJsonString(rendered.ToString(), output);
        }

        if (!first)
        {
            output.Write(']');
        }
    }
}

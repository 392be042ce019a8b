using Serilog.Events;
using Serilog.Expressions;
using Serilog.Formatting;
using Serilog.Templates;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// Compact log event format (CLEF), one JSON object a line, in the shape <c>docs/logging.md</c> documents:
/// <c>@t</c>, <c>@mt</c>, <c>@r</c>, <c>@l</c> (always written), <c>@x</c>, <c>@i</c> (the event id, lifted from
/// Microsoft.Extensions.Logging's EventId), <c>TraceId</c> and <c>SpanId</c> from the current activity, then every
/// other property (<c>EventName</c> among them, from <see cref="LogEnrichment"/>). A Serilog.Expressions template
/// (ADR 0050); Serilog.Formatting.Compact's formatter writes <c>@tr</c>/<c>@sp</c> and no <c>@l</c> for
/// Information, which is not this shape.
/// </summary>
public sealed class ClefFormatter : ITextFormatter
{
    /// <summary>The property Microsoft.Extensions.Logging's EventId arrives in, or that code sets for events written straight to Serilog.</summary>
    public const string EventIdProperty = "EventId";

    private static readonly ExpressionTemplate Template = new(
        "{ {'@t': UtcDateTime(@t), '@mt': @mt, '@r': @r, '@l': @l, '@x': @x, '@i': EventId.Id, TraceId: @tr, SpanId: @sp, ..ClefProperties(@p)} }\n",
        nameResolver: new StaticMemberNameResolver(typeof(ClefFormatter)));

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        Template.Format(logEvent, new LineSeparatorEscapingWriter(output));
    }

    /// <summary>
    /// The template's <c>ClefProperties(@p)</c>: the event's properties without <c>EventId</c> (written as <c>@i</c>
    /// and <c>EventName</c>), and a leading <c>@</c>, which CLEF reserves for its own fields, doubled.
    /// </summary>
    public static LogEventPropertyValue? ClefProperties(LogEventPropertyValue? properties) =>
        properties is StructureValue structure
            ? new StructureValue(structure.Properties
                .Where(p => p.Name != EventIdProperty)
                .Select(p => p.Name.StartsWith('@') ? new LogEventProperty("@" + p.Name, p.Value) : p))
            : properties;
}

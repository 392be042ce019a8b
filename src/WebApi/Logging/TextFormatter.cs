using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// The console format for a person (<c>Logs:Format=Text</c>, the default in Development): Serilog's usual
/// <c>[time level] message</c> line, led by the event's name when it has one, then the exception. Values are
/// rendered as JSON (<c>:j</c>), quoted and escaped, so a value holding a line break cannot forge a second line
/// (ADR 0048).
/// </summary>
public sealed class TextFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _named = new("[{Timestamp:HH:mm:ss} {Level:u3}] {EventName}: {Message:j}{NewLine}{Exception}");
    private readonly MessageTemplateTextFormatter _plain = new("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:j}{NewLine}{Exception}");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        (logEvent.Properties.ContainsKey("EventName") ? _named : _plain).Format(logEvent, new LineSeparatorEscapingWriter(output));
    }
}

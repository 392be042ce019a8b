using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Keeps every log event as the CLEF JSON line the console would print.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly CompactJsonFormatter _formatter = new();
    private readonly List<string> _lines = [];

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        lock (_lines)
        {
            _lines.Add(writer.ToString());
        }
    }

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join("", _lines);
            }
        }
    }
}

using CleanAuth.WebApi.Logging;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Keeps every log event as the CLEF JSON line the console would print (same formatter, after every enricher).</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ClefFormatter _formatter = new();
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

    /// <summary>Each captured line parsed as JSON.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> Events
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone())];
            }
        }
    }

    /// <summary>
    /// The first event that matches, waiting for it: the request event is written after the response has
    /// been handed to the client, so a test can read its answer before the event exists.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> WaitForAsync(Func<System.Text.Json.JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var logEvent in Events)
            {
                if (match(logEvent))
                {
                    return logEvent;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No matching log event. Captured:\n" + Text);
            }

            await Task.Delay(20);
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

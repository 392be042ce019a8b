using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed record LogEntry(
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    Exception? Exception)
{
    public object? this[string key] => State.FirstOrDefault(p => p.Key == key).Value;
}

/// <summary>Keeps every entry (its formatted message and structured state) for assertions.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    public List<LogEntry> Entries { get; } = [];

    public List<object> Scopes { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        Scopes.Add(state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [new("State", state)];
        Entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception), [.. values], exception));
    }
}

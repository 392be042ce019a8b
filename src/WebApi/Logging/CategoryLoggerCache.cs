using System.Collections.Concurrent;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// One logger per category, as Microsoft's own <see cref="LoggerFactory"/> keeps. Serilog's factory builds a new
/// logger (a context logger and its event-id cache) on every <c>CreateLogger</c>, and ASP.NET Core asks for one on
/// every request (the JWT bearer handler is transient, an <c>Ok&lt;T&gt;</c> result asks when it writes), relying on
/// the factory to cache: two loggers a request were 6 % of the bytes a <c>GET /api/users/me</c> allocated (ADR 0063).
/// </summary>
public sealed class CategoryLoggerCache(ILoggerFactory serilog) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private readonly Func<string, ILogger> _create = serilog.CreateLogger;

    /// <summary>Wraps the logger factory <c>AddSerilog</c> registered; call right after it.</summary>
    public static void Register(IServiceCollection services)
    {
        var serilog = services.LastOrDefault(service => service.ServiceType == typeof(ILoggerFactory) && !service.IsKeyedService);
        var create = serilog?.ImplementationFactory
            ?? throw new InvalidOperationException("AddSerilog registers its logger factory with a factory method; call this right after it.");
        services.Remove(serilog!);
        services.AddSingleton<ILoggerFactory>(provider => new CategoryLoggerCache((ILoggerFactory)create(provider)));
    }

    // Categories are type and component names, a fixed set, so the cache stays small (Microsoft's is unbounded too).
    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, _create);

    public void AddProvider(ILoggerProvider provider) => serilog.AddProvider(provider);

    public void Dispose() => serilog.Dispose();
}

using CleanAuth.WebApi.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.Tests.Unit.WebApi.Logging;

public sealed class CategoryLoggerCacheTests
{
    [Fact]
    public void A_category_asked_for_again_gets_the_same_logger_and_its_events_still_reach_Serilog()
    {
        var sink = new CollectingSink();
        using var provider = Services(sink).BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler");
        var again = factory.CreateLogger("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler");
        var other = factory.CreateLogger("CleanAuth.Other");
        again.LogWarning("from the cached logger");

        again.Should().BeSameAs(first, "ASP.NET Core asks for this logger on every request");
        other.Should().NotBeSameAs(first);
        var logged = sink.Events.Should().ContainSingle().Subject;
        logged.RenderMessage().Should().Be("from the cached logger");
        logged.Properties["SourceContext"].ToString().Should().Be("\"Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler\"");
    }

    [Fact]
    public void Disposing_the_host_disposes_the_Serilog_pipeline_so_queued_events_are_written()
    {
        var sink = new CollectingSink();
        var provider = Services(sink).BuildServiceProvider();
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("CleanAuth.Any");

        provider.Dispose();

        sink.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Registering_without_AddSerilog_before_it_is_refused()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory, LoggerFactory>();

        var register = () => CategoryLoggerCache.Register(services);

        register.Should().Throw<InvalidOperationException>().WithMessage("*AddSerilog*");
    }

    private static ServiceCollection Services(CollectingSink sink)
    {
        var services = new ServiceCollection();
        services.AddSerilog((_, logger) => logger.WriteTo.Sink(sink), preserveStaticLogger: true);
        CategoryLoggerCache.Register(services);
        return services;
    }

    private sealed class CollectingSink : ILogEventSink, IDisposable
    {
        public List<LogEvent> Events { get; } = [];

        public bool Disposed { get; private set; }

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);

        public void Dispose() => Disposed = true;
    }
}

using CleanAuth.WebApi.Logging;
using Serilog;
using Serilog.Extensions.Logging;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// What the host is built from. The host resolves a relative <c>--contentRoot</c> against the application's folder,
/// so <c>dotnet out/CleanAuth.WebApi.dll --contentRoot out</c> looked for <c>out/out</c>; here it is resolved against
/// the working directory, as a shell user means it (ADR 0048). A content root that does not exist is refused with
/// the one <c>StartupRefused</c> line, not a stack trace.
/// </summary>
public static class HostStart
{
    public static bool TryOptions(string[] args, out WebApplicationOptions options)
    {
        // The sources, in the host's own order, that may name the content root or the environment before the host exists.
        var early = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        var contentRoot = early[HostDefaults.ContentRootKey] is { Length: > 0 } configured ? Path.GetFullPath(configured) : null;
        options = new WebApplicationOptions { Args = args, ContentRootPath = contentRoot };
        if (contentRoot is null || Directory.Exists(contentRoot))
        {
            return true;
        }

        var development = string.Equals(early[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase);
        using var logger = new LoggerConfiguration()
            .EnrichWithEventName()
            .Enrich.WithProperty("Application", "CleanAuth")
            .WriteTo.Console(ConsoleLogFormat.Formatter(early, development))
            .CreateLogger();
        using var factory = new SerilogLoggerFactory(logger);
        StartupCheck.LogRefused(factory.CreateLogger(typeof(StartupCheck)), nameof(DirectoryNotFoundException),
            $"The content root {contentRoot} (--contentRoot, resolved against the working directory) does not exist.");
        return false;
    }
}

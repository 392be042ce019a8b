using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Checks, before the server starts, what would otherwise stop it with a plain-text stack trace on stderr: the
/// signing key, the two-factor encryption key and every validated setting. A failure becomes one structured <c>Fatal</c> event
/// (<c>StartupRefused</c>) naming the setting — the messages never repeat a value — and the process exits with
/// code 1, which a monitor of JSON logs and an orchestrator can both read.
/// </summary>
public static partial class StartupCheck
{
    public static void EnsurePasses(WebApplication app)
    {
        try
        {
            // Every validated setting first, so that all the invalid ones are named together.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Services.GetRequiredService<JwtSigningKey>();
            app.Services.GetRequiredService<CleanAuth.Application.Accounts.Ports.ISecretProtector>();
            EnsureKeysOpenStoredSecrets(app.Services.GetService<TwoFactorKeyCheck>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or AggregateException)
        {
            // Two or more invalid settings come as an AggregateException: every one of them is named.
            var reason = ex is AggregateException all ? string.Join(" ", all.Flatten().InnerExceptions.Select(e => e.Message)) : ex.Message;
            LogRefused(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupCheck)), ex.GetType().Name, reason);

            // In a process of its own the exception is unhandled: this flushes the log and exits before the runtime
            // prints it. Under WebApplicationFactory, which runs Main inside the test process, it reaches the test.
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                if (e.ExceptionObject is StartupRefusedException)
                {
                    app.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    Environment.Exit(1);
                }
            };
            throw new StartupRefusedException(reason, ex);
        }
    }

    // The embedded store is asked now; a disk not usable yet is reported by the store's initializer (event 2301).
    private static void EnsureKeysOpenStoredSecrets(TwoFactorKeyCheck? check)
    {
        if (check is { RunsAtStart: true })
        {
            try
            {
                check.EnsureKeysOpenStoredSecretsAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (CleanAuth.Application.Common.Exceptions.StorageUnavailableException)
            {
                // Not a refusal: requests get 503 until the disk is back, as for any outage.
            }
        }
    }

    [LoggerMessage(EventId = 2002, EventName = "StartupRefused", Level = LogLevel.Critical,
        Message = "CleanAuth cannot start ({Kind}): {Reason}")]
    internal static partial void LogRefused(ILogger logger, string kind, string reason);
}

/// <summary>The API was refused at start by <see cref="StartupCheck"/>; the message names the setting.</summary>
public sealed class StartupRefusedException(string message, Exception innerException) : InvalidOperationException(message, innerException);

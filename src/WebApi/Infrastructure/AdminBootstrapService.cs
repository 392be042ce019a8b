using CleanAuth.Application.Accounts.BootstrapAdmin;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Hosting;
using MediatR;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Administrator bootstrap settings (section <c>Bootstrap</c>); nothing happens when the email is empty. Registered
/// like every setting, but with no annotations on purpose: the values are the use case's input, checked by its
/// validator, and a bad one is logged (AdminBootstrapInvalid) while the API still starts.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }

    /// <summary>Registers the account if it does not exist; an existing one is promoted only if this opens it. Never logged.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>
/// Makes the configured account the first administrator at start-up, when there is none. If the store
/// is unreachable the API starts anyway and this keeps retrying in the background.
/// </summary>
public sealed partial class AdminBootstrapService(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<BootstrapOptions> options,
    TimeProvider timeProvider,
    ILogger<AdminBootstrapService> logger) : RetryingStartupTask(timeProvider)
{
    protected override bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.AdminEmail);

    // True when done (or when retrying cannot help); false when the store could not be reached.
    protected override async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var outcome = await mediator.Send(new BootstrapAdminCommand(options.Value.AdminEmail!, options.Value.AdminPassword ?? ""), cancellationToken);
            LogBootstrapped(logger, outcome);
            return true;
        }
        catch (ValidationException ex)
        {
            LogInvalid(logger, string.Join(", ", ex.Errors.Keys));
            return true;
        }
        catch (Exception ex) when (ex is StorageUnavailableException or ConflictException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(logger, ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 2200, EventName = "AdminBootstrap", Level = LogLevel.Information,
        Message = "Administrator bootstrap: {Outcome}")]
    private static partial void LogBootstrapped(ILogger logger, BootstrapOutcome outcome);

    [LoggerMessage(EventId = 2201, EventName = "AdminBootstrapInvalid", Level = LogLevel.Error,
        Message = "Administrator bootstrap skipped: invalid setting(s) {Fields} under Bootstrap")]
    private static partial void LogInvalid(ILogger logger, string fields);

    [LoggerMessage(EventId = 2202, EventName = "AdminBootstrapFailed", Level = LogLevel.Error,
        Message = "Administrator bootstrap failed; retrying in the background")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

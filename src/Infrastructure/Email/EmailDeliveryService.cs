using CleanAuth.Infrastructure.Observability;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// Delivers the outbox (ADR 0039): woken by an enqueue on this instance or by its poll interval, it claims a batch of
/// due entries, sends each, and records the outcome — deleted when sent, due again after an exponential backoff when
/// not, given up after <see cref="EmailDeliveryOptions.MaxAttempts"/>. Nothing escapes its loop: an SMTP or store
/// outage delays mail and is logged, and the next round tries again.
/// </summary>
public sealed partial class EmailDeliveryService(
    IOutboxQueue queue,
    IEmailSender sender,
    OutboxSignal signal,
    EmailMetrics metrics,
    IOptions<EmailDeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailDeliveryService> logger) : BackgroundService
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first round may wait on a store that is not reachable yet.
        await Task.Yield();
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                metrics.Queued(await queue.CountQueuedAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(settings.PollInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every entry due now, batch after batch; returns how many were claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var total = 0;
        while (true)
        {
            var batch = await queue.ClaimDueAsync(timeProvider.GetUtcNow(), settings.ClaimLease, settings.BatchSize, cancellationToken);
            total += batch.Count;
            foreach (var entry in batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // Stopping: hand the rest back now rather than after the lease, for the next instance to start.
                    await ReleaseAsync(entry);
                    continue;
                }

                await DeliverAsync(entry, settings, cancellationToken);
            }

            if (batch.Count < settings.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, EmailDeliveryOptions settings, CancellationToken cancellationToken)
    {
        string destination;
        try
        {
            destination = await sender.SendAsync(MimeMessages.Create(entry, _from), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(entry, settings, ex);
            return;
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(entry);
            throw;
        }

        if (await queue.MarkSentAsync(entry, CancellationToken.None))
        {
            LogSent(logger, entry.Message.Kind, entry.Id, entry.Attempt, destination);
        }
        else
        {
            // Sent, but the lease ran out first and another sender may send it again (same Message-ID).
            LogClaimLost(logger, entry.Message.Kind, entry.Id);
        }

        metrics.Sent(entry.Message.Kind);
    }

    private async Task FailedAsync(OutboxEntry entry, EmailDeliveryOptions settings, Exception ex)
    {
        var error = Describe(ex);
        var now = timeProvider.GetUtcNow();
        var retried = entry.Attempt < settings.MaxAttempts;
        if (retried)
        {
            var delay = Backoff(entry.Attempt, settings);
            await queue.RetryLaterAsync(entry, now + delay, error, CancellationToken.None);
            LogRetrying(logger, ex, entry.Message.Kind, entry.Id, entry.Attempt, delay);
        }
        else
        {
            await queue.GiveUpAsync(entry, now, error, CancellationToken.None);
            LogGaveUp(logger, ex, entry.Message.Kind, entry.Id, entry.Attempt);
        }

        metrics.Failed(entry.Message.Kind, retried);
    }

    private async Task ReleaseAsync(OutboxEntry entry)
    {
        try
        {
            await queue.RetryLaterAsync(entry, timeProvider.GetUtcNow(), "Released when the sender stopped", CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease brings it back anyway.
            LogRoundFailed(logger, ex);
        }
    }

    /// <summary>Base · 2^(attempt−1), at most the cap: 10 s, 20 s, 40 s … 15 min with the defaults.</summary>
    public static TimeSpan Backoff(int attempt, EmailDeliveryOptions settings)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = settings.RetryBaseDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, settings.RetryMaxDelay.TotalMilliseconds));
    }

    // Kept with the entry for an operator: the kind of failure and the server's own words, never the message.
    private static string Describe(Exception ex)
    {
        var text = ex is SmtpCommandException smtp
            ? $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.ErrorCode}: {smtp.Message}"
            : $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(EventId = 2400, EventName = "EmailSent", Level = LogLevel.Information,
        Message = "Delivered the {EmailKind} email {OutboxId} (attempt {Attempt}) to {Destination}")]
    private static partial void LogSent(ILogger logger, string emailKind, string outboxId, int attempt, string destination);

    [LoggerMessage(EventId = 2401, EventName = "EmailDeliveryFailed", Level = LogLevel.Warning,
        Message = "Could not deliver the {EmailKind} email {OutboxId} (attempt {Attempt}); trying again in {RetryDelay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string emailKind, string outboxId, int attempt, TimeSpan retryDelay);

    [LoggerMessage(EventId = 2402, EventName = "EmailGivenUp", Level = LogLevel.Error,
        Message = "Gave up delivering the {EmailKind} email {OutboxId} after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string emailKind, string outboxId, int attempt);

    [LoggerMessage(EventId = 2403, EventName = "EmailOutboxRoundFailed", Level = LogLevel.Warning,
        Message = "Could not read the email outbox; trying again at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2404, EventName = "EmailClaimLost", Level = LogLevel.Warning,
        Message = "Delivered the {EmailKind} email {OutboxId} after its claim ran out; another instance may deliver it again")]
    private static partial void LogClaimLost(ILogger logger, string emailKind, string outboxId);
}

using CleanAuth.Infrastructure.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// Delivers the outbox (ADR 0039): on its own schedule — every <see cref="EmailDeliveryOptions.PollInterval"/>, give or
/// take a random fifth, and never woken by the request that enqueued (ADR 0042) — it claims a batch of due entries and sends them one by one, each only after re-taking its claim for a fresh lease and cut off well
/// before that lease ends, so no other instance can hold it meanwhile. The outcome is recorded only while the claim
/// holds — deleted when sent, due again after an exponential backoff, given up after
/// <see cref="EmailDeliveryOptions.MaxAttempts"/> or at once when the failure is permanent. Nothing escapes its loop:
/// an SMTP or store outage delays mail and is logged, and the next round tries again.
/// </summary>
public sealed partial class EmailDeliveryService(
    IOutboxQueue queue,
    IEmailSender sender,
    EmailMetrics metrics,
    IOptions<EmailDeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailDeliveryService> logger) : BackgroundService
{
    // Shutdown must not wait on a store that is down: the lease brings an entry back anyway.
    private static readonly TimeSpan ReleaseTimeLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

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
                if (timeProvider.GetUtcNow() >= _nextSweep)
                {
                    _nextSweep = timeProvider.GetUtcNow() + SweepInterval;
                    await SweepGivenUpAsync(stoppingToken);
                }

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
                // Not in step with any request (ADR 0042): mail a request asked for leaves at the next round, and
                // the round's start is drawn anew each time.
                await Task.Delay(settings.NextPollDelay(Random.Shared.NextDouble()), timeProvider, stoppingToken);
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
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await queue.ClaimDueAsync(timeProvider.GetUtcNow(), settings.ClaimLease, settings.BatchSize, cancellationToken);
            total += batch.Count;
            for (var i = 0; i < batch.Count; i++)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await DeliverAsync(batch[i], settings, cancellationToken);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    // Stopping: hand the rest back now (an interrupted send's entry too) rather than after the lease.
                    // An entry already settled is no longer this claim's, and the release passes it by.
                    await ReleaseAsync([.. batch.Skip(i)]);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (batch.Count < settings.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Deletes the envelopes of mail given up longer ago than <see cref="EmailDeliveryOptions.GivenUpRetention"/>.</summary>
    public Task<long> SweepGivenUpAsync(CancellationToken cancellationToken) =>
        queue.DeleteGivenUpAsync(timeProvider.GetUtcNow() - options.Value.GivenUpRetention, cancellationToken);

    private async Task DeliverAsync(OutboxEntry entry, EmailDeliveryOptions settings, CancellationToken stopping)
    {
        if (entry.Attempt > settings.MaxAttempts)
        {
            // Claimed more often than allowed, yet no attempt ended with an outcome: each died with its process,
            // perhaps because of this very message. It is not sent again.
            var error = $"Abandoned: claimed {entry.Attempt} times without an outcome";
            if (await RecordAsync(() => queue.GiveUpAsync(entry, timeProvider.GetUtcNow(), error, CancellationToken.None)) == true)
            {
                LogGaveUp(logger, entry.Message.Kind, entry.Id, entry.Attempt, "Abandoned", null);
                metrics.Failed(entry.Message.Kind, retried: false);
            }

            return;
        }

        try
        {
            if (!await queue.ExtendClaimAsync(entry, timeProvider.GetUtcNow() + settings.ClaimLease, stopping))
            {
                // The batch's lease ran out while earlier entries were sent, and another sender holds this one now.
                LogClaimLostBeforeSend(logger, entry.Message.Kind, entry.Id);
                return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        string destination;
        using (var limit = new CancellationTokenSource(settings.SendTimeLimit, timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, limit.Token))
        {
            try
            {
                // A new From address per message: MimeKit's address lists subscribe to their addresses' changes, so a
                // shared one would keep every message (and its code) reachable.
                destination = await sender.SendAsync(MimeMessages.Create(entry, MailboxAddress.Parse(settings.From)), linked.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Whatever the sender threw while being stopped (MailKit may throw an IOException): released by the caller.
                return;
            }
            catch (Exception ex)
            {
                await FailedAsync(entry, settings, ex);
                return;
            }
        }

        switch (await RecordAsync(() => queue.MarkSentAsync(entry, CancellationToken.None)))
        {
            case true:
                LogSent(logger, entry.Message.Kind, entry.Id, entry.Attempt, destination);
                metrics.Sent(entry.Message.Kind);
                break;
            case false:
                // Sent, but the claim was lost first and another sender may send it again (same Message-ID).
                LogClaimLost(logger, entry.Message.Kind, entry.Id);
                break;
        }
    }

    private async Task ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            using var limit = new CancellationTokenSource(ReleaseTimeLimit, timeProvider);
            await queue.ReleaseAsync(entries, timeProvider.GetUtcNow(), limit.Token);
        }
        catch (Exception ex)
        {
            // The lease brings them back anyway.
            LogRoundFailed(logger, ex);
        }
    }
}

using MailKit.Net.Smtp;
using Polly;
using Polly.Retry;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// Recording how a delivery ended: sent, due again after the stored backoff (<see cref="Backoff"/>, ADR 0039), or
/// given up. A store blip while recording is a transient fault, tried again a few times on the injected clock.
/// </summary>
public sealed partial class EmailDeliveryService
{
    private static readonly TimeSpan[] RecordRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    private readonly ResiliencePipeline _recording = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(),
            MaxRetryAttempts = RecordRetryDelays.Length,
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RecordRetryDelays[args.AttemptNumber]),
        })
        .Build();

    private async Task FailedAsync(OutboxEntry entry, EmailDeliveryOptions settings, Exception ex)
    {
        var error = DeliveryFailures.Describe(ex, entry);
        var errorType = ex.GetType().Name;
        var status = ex is SmtpCommandException smtp ? (int?)smtp.StatusCode : null;
        var now = timeProvider.GetUtcNow();
        if (!DeliveryFailures.IsPermanent(ex) && entry.Attempt < settings.MaxAttempts)
        {
            var delay = Backoff(entry.Attempt, settings);
            if (await RecordAsync(() => queue.RetryLaterAsync(entry, now + delay, error, CancellationToken.None)) == true)
            {
                LogRetrying(logger, entry.Message.Kind, entry.Id, entry.Attempt, delay, errorType, status);
                metrics.Failed(entry.Message.Kind, retried: true);
            }
        }
        else if (await RecordAsync(() => queue.GiveUpAsync(entry, now, error, CancellationToken.None)) == true)
        {
            LogGaveUp(logger, entry.Message.Kind, entry.Id, entry.Attempt, errorType, status);
            metrics.Failed(entry.Message.Kind, retried: false);
        }
    }

    /// <summary>
    /// Records an outcome, trying again through a store blip (<see cref="RecordRetryDelays"/>, on the injected clock):
    /// true when recorded, false when the claim was lost, null when the store stayed unreachable (then the lease
    /// brings the entry back). Never throws.
    /// </summary>
    private async Task<bool?> RecordAsync(Func<Task<bool>> write)
    {
        try
        {
            return await _recording.ExecuteAsync(async _ => await write(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRoundFailed(logger, ex);
            return null;
        }
    }

    /// <summary>Base · 2^(attempt−1), at most the cap: 10 s, 20 s, 40 s … 15 min with the defaults.</summary>
    public static TimeSpan Backoff(int attempt, EmailDeliveryOptions settings)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = settings.RetryBaseDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, settings.RetryMaxDelay.TotalMilliseconds));
    }
}

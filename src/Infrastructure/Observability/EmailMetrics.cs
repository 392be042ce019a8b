using System.Diagnostics.Metrics;

namespace CleanAuth.Infrastructure.Observability;

/// <summary>The "CleanAuth" meter's email delivery instruments (ADR 0039).</summary>
public sealed class EmailMetrics
{
    public const string SentInstrument = "cleanauth.email.sent";
    public const string FailedInstrument = "cleanauth.email.failed";
    public const string QueuedInstrument = "cleanauth.email.queued";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private long _queued;

    public EmailMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AuthMetrics.MeterName);
        _sent = meter.CreateCounter<long>(SentInstrument, unit: "{message}", description: "Emails delivered, tagged kind.");
        _failed = meter.CreateCounter<long>(FailedInstrument, unit: "{message}",
            description: "Failed delivery attempts, tagged kind and retried=true|false (false: given up).");
        // The last count the sender read from the store: a scrape never waits on the database.
        meter.CreateObservableGauge(QueuedInstrument, () => Interlocked.Read(ref _queued), unit: "{message}",
            description: "Emails in the outbox still to be delivered (as of the sender's last round).");
    }

    public void Sent(string kind) => _sent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Failed(string kind, bool retried) => _failed.Add(1,
        new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("retried", retried ? "true" : "false"));

    public void Queued(long count) => Interlocked.Exchange(ref _queued, count);
}

using System.Diagnostics.Metrics;
using CleanAuth.Application.Common.Email;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Observability;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CleanAuth.Tests.Unit.Infrastructure.Email;

public sealed class EmailDeliveryServiceTests : IDisposable
{
    private static readonly EmailMessage Message = new(
        "EmailConfirmation", "ada@example.com", "Ada <Lovelace>", "Confirm your email", "code 123456", "<p>code <b>123456</b></p>");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEmailOutbox _outbox;
    private readonly RecordingSender _sender = new();
    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EmailDeliveryOptions _options = new()
    {
        From = "CleanAuth <no-reply@cleanauth.test>",
        RetryBaseDelay = TimeSpan.FromSeconds(10),
        RetryMaxDelay = TimeSpan.FromSeconds(30),
        MaxAttempts = 4,
    };

    public EmailDeliveryServiceTests() => _outbox = new InMemoryEmailOutbox(_clock);

    private readonly CapturingLogger _log = new();

    private EmailDeliveryService Service(IOutboxQueue? queue = null, IEmailSender? sender = null) => new(
        queue ?? _outbox, sender ?? _sender, new EmailMetrics(_metricsServices.GetRequiredService<IMeterFactory>()),
        Microsoft.Extensions.Options.Options.Create(_options), _clock, _log);

    [Fact]
    public async Task A_due_message_is_sent_as_multipart_alternative_from_the_configured_sender_and_then_forgotten()
    {
        await _outbox.EnqueueAsync(Message, default);

        (await Service().DeliverDueAsync(default)).Should().Be(1);

        var sent = _sender.Sent.Should().ContainSingle().Subject;
        sent.From.Mailboxes.Single().Should().Match<MailboxAddress>(from => from.Name == "CleanAuth" && from.Address == "no-reply@cleanauth.test");
        sent.To.Mailboxes.Single().Should().Match<MailboxAddress>(to => to.Address == "ada@example.com" && to.Name == "Ada <Lovelace>");
        sent.Subject.Should().Be("Confirm your email");
        sent.Body.Should().BeOfType<MultipartAlternative>().Which.Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        sent.TextBody.Should().Be("code 123456");
        sent.HtmlBody.Should().Be("<p>code <b>123456</b></p>");
        sent.MessageId.Should().EndWith("@cleanauth.test");
        (await _outbox.CountQueuedAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task A_failed_send_is_retried_after_a_doubling_delay_and_given_up_after_the_last_attempt()
    {
        await _outbox.EnqueueAsync(Message, default);
        _sender.FailuresLeft = int.MaxValue;
        var service = Service();

        (await service.DeliverDueAsync(default)).Should().Be(1);
        var delays = new[] { 10, 20, 30 }; // doubling, capped at RetryMaxDelay
        foreach (var seconds in delays)
        {
            _clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            (await service.DeliverDueAsync(default)).Should().Be(0, $"not due before {seconds} s");
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            (await service.DeliverDueAsync(default)).Should().Be(1);
        }

        _sender.Attempts.Should().Be(4);
        (await _outbox.CountQueuedAsync(default)).Should().Be(0, "given up after MaxAttempts");
        _clock.Advance(TimeSpan.FromDays(1));
        (await service.DeliverDueAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task A_send_that_fails_once_succeeds_at_the_retry()
    {
        await _outbox.EnqueueAsync(Message, default);
        _sender.FailuresLeft = 1;
        var service = Service();

        await service.DeliverDueAsync(default);
        _clock.Advance(_options.RetryBaseDelay);
        await service.DeliverDueAsync(default);

        _sender.Sent.Should().ContainSingle();
        (await _outbox.CountQueuedAsync(default)).Should().Be(0);
    }

    [Fact]
    public void The_backoff_doubles_from_the_base_delay_up_to_the_cap()
    {
        var options = new EmailDeliveryOptions();

        Enumerable.Range(1, 9).Select(attempt => EmailDeliveryService.Backoff(attempt, options).TotalSeconds)
            .Should().Equal(10, 20, 40, 80, 160, 320, 640, 900, 900);
        EmailDeliveryService.Backoff(1000, options).Should().Be(options.RetryMaxDelay);
    }

    [Fact]
    public async Task The_loop_survives_a_store_outage_and_delivers_once_the_store_is_back()
    {
        var store = new FlakyQueue(_outbox) { Down = true };
        await _outbox.EnqueueAsync(Message, default);
        using var service = Service(store);

        await service.StartAsync(default);
        await WaitUntil(() => store.Calls >= 1);
        await WaitUntil(() => NextRound(store.Calls >= 2));
        store.Down = false;
        await WaitUntil(() => NextRound(_sender.Sent.Count == 1));
        await service.StopAsync(default);

        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue("nothing escapes the loop");
    }

    [Fact]
    public async Task An_enqueue_does_not_wake_the_sender_it_waits_for_the_next_round_of_its_schedule()
    {
        _options.PollInterval = TimeSpan.FromMinutes(10);
        var queue = new FlakyQueue(_outbox);
        using var service = Service(queue);
        await service.StartAsync(default);
        // The first round has looked and found nothing; the next is due 8 to 12 minutes later (ADR 0042).
        await WaitUntil(() => queue.Calls >= 1);

        await _outbox.EnqueueAsync(Message, default);
        _clock.Advance(TimeSpan.FromMinutes(8) - TimeSpan.FromTicks(1));
        await Task.Yield();
        queue.Calls.Should().Be(1, "neither the enqueue nor the clock short of the shortest wait starts a round");
        _sender.Sent.Should().BeEmpty();

        await WaitUntil(() => NextRound(_sender.Sent.Count == 1));
        await service.StopAsync(default);
    }

    [Theory]
    [InlineData(0.0, 1600)]
    [InlineData(0.5, 2000)]
    [InlineData(0.999999, 2400)]
    public void The_wait_between_rounds_is_the_poll_interval_give_or_take_a_fifth(double unit, double milliseconds)
    {
        var options = new EmailDeliveryOptions { PollInterval = TimeSpan.FromSeconds(2) };

        options.NextPollDelay(unit).TotalMilliseconds.Should().BeApproximately(milliseconds, 0.01);
    }

    [Fact]
    public async Task A_shutdown_during_a_full_batch_hands_every_claimed_entry_back_at_once_without_counting_an_attempt()
    {
        _options.BatchSize = 2;
        _sender.Block = true;
        for (var i = 0; i < _options.BatchSize + 1; i++)
        {
            await _outbox.EnqueueAsync(Message with { ToAddress = $"user{i}@example.com" }, default);
        }

        using var service = Service();
        await service.StartAsync(default);
        await WaitUntil(() => _sender.Attempts == 1);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await service.StopAsync(patience.Token);

        service.ExecuteTask!.IsCompleted.Should().BeTrue("the loop stops instead of claiming the released entries again");
        _sender.Attempts.Should().Be(1);
        var again = await _outbox.ClaimDueAsync(_clock.GetUtcNow(), _options.ClaimLease, 10, default);
        again.Should().HaveCount(3, "the batch was released, not left claimed");
        again.Should().OnlyContain(e => e.Attempt == 1, "a released claim is not an attempt");
    }

    [Fact]
    public async Task Two_senders_never_send_one_message_twice_when_sends_outlast_the_batch_lease()
    {
        // A claims all three; each send takes 40 s of a 60 s lease, so the third entry's batch lease is over
        // before A comes to it and B claims it.
        _options.ClaimLease = TimeSpan.FromSeconds(60);
        for (var i = 0; i < 3; i++)
        {
            await _outbox.EnqueueAsync(Message with { ToAddress = $"user{i}@example.com" }, default);
        }

        var sender = new GatedSender();
        var a = Service(sender: sender).DeliverDueAsync(default);
        await WaitUntil(() => sender.Waiting == 1);
        _clock.Advance(TimeSpan.FromSeconds(40));
        sender.ReleaseOne();
        await WaitUntil(() => sender.Waiting == 1 && sender.Sent.Count == 1);
        _clock.Advance(TimeSpan.FromSeconds(40));

        var b = Service(sender: sender).DeliverDueAsync(default);
        await WaitUntil(() => sender.Waiting == 2);
        sender.ReleaseOne();
        sender.ReleaseOne();
        await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(10));

        sender.Sent.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo("user0@example.com", "user1@example.com", "user2@example.com");
        (await _outbox.CountQueuedAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task A_send_is_cut_off_before_its_lease_ends_and_tried_again_later()
    {
        _options.ClaimLease = TimeSpan.FromSeconds(60);
        await _outbox.EnqueueAsync(Message, default);
        var sender = new GatedSender();

        var round = Service(sender: sender).DeliverDueAsync(default);
        await WaitUntil(() => sender.Waiting == 1);
        _clock.Advance(_options.SendTimeLimit);
        await round.WaitAsync(TimeSpan.FromSeconds(10));

        sender.Sent.Should().BeEmpty();
        (await _outbox.ClaimDueAsync(_clock.GetUtcNow() + _options.RetryBaseDelay, _options.ClaimLease, 10, default))
            .Should().ContainSingle("it is due again after the backoff, not held until the lease ends").Which.Attempt.Should().Be(2);
    }

    [Fact]
    public async Task A_store_blip_when_recording_a_sent_message_is_retried_and_the_rest_of_the_batch_still_goes()
    {
        await _outbox.EnqueueAsync(Message, default);
        await _outbox.EnqueueAsync(Message with { ToAddress = "grace@example.com" }, default);
        var queue = new FlakyQueue(_outbox) { MarkSentFailuresLeft = 2 };

        // The pauses between tries run on the injected clock (100 ms, then 500 ms), which only the test moves.
        var round = Service(queue).DeliverDueAsync(default);
        await WaitUntil(() =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            return round.IsCompleted;
        });

        (await round).Should().Be(2);

        _sender.Sent.Should().HaveCount(2);
        (await _outbox.CountQueuedAsync(default)).Should().Be(0, "both were recorded as sent, so neither is sent again");
    }

    [Theory]
    [InlineData("smtp")]
    [InlineData("address")]
    [InlineData("utf8")]
    public async Task A_permanent_failure_is_given_up_at_once(string failure)
    {
        var message = Message;
        switch (failure)
        {
            case "smtp":
                _sender.Failure = () => RecipientRejected("ada@example.com");
                break;
            case "address":
                message = Message with { ToAddress = "ada@example.com\r\nBcc: eve@example.com" };
                break;
            default:
                _sender.Failure = () => new NotSupportedException("The SMTP server does not support SMTPUTF8.");
                break;
        }

        await _outbox.EnqueueAsync(message, default);
        _sender.FailuresLeft = int.MaxValue;

        await Service().DeliverDueAsync(default);

        (await _outbox.CountQueuedAsync(default)).Should().Be(0, "a retry cannot mend it");
        _sender.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task An_address_repeated_by_the_server_stays_out_of_the_log_and_the_stored_error()
    {
        await _outbox.EnqueueAsync(Message, default);
        _sender.FailuresLeft = 1;
        _sender.Failure = () => new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, MailboxAddress.Parse("ada@example.com"),
            "4.2.1 <ada@example.com>: Recipient address ada@example.com temporarily rejected");

        await Service().DeliverDueAsync(default);

        _log.Lines.Should().ContainSingle(l => l.Contains("SmtpCommandException") && l.Contains("450"));
        _log.Lines.Should().NotContain(l => l.Contains("ada@example.com", StringComparison.OrdinalIgnoreCase));
        var stored = _outbox.LastErrors.Should().ContainSingle().Subject;
        stored.Should().Contain("450").And.NotContain("ada@example.com").And.NotContain("@");
    }

    [Fact]
    public void Redaction_takes_out_the_recipient_and_anything_shaped_like_an_address()
    {
        DeliveryFailures.Redact("550 5.1.1 <Ada@Example.com>: unknown; also bob@x.org", "ada@example.com")
            .Should().Be("550 5.1.1 <[address]>: unknown; also [address]");
    }

    [Fact]
    public async Task A_message_claimed_more_than_MaxAttempts_times_without_an_outcome_is_given_up_without_sending()
    {
        // Each earlier claim died with its process (perhaps because of this message): no caught failure recorded it.
        await _outbox.EnqueueAsync(Message, default);
        for (var i = 0; i < _options.MaxAttempts; i++)
        {
            await _outbox.ClaimDueAsync(_clock.GetUtcNow(), _options.ClaimLease, 10, default);
            _clock.Advance(_options.ClaimLease);
        }

        (await Service().DeliverDueAsync(default)).Should().Be(1);

        _sender.Attempts.Should().Be(0);
        (await _outbox.CountQueuedAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task Given_up_envelopes_are_deleted_after_the_retention_and_not_before()
    {
        await _outbox.EnqueueAsync(Message, default);
        _sender.FailuresLeft = 1;
        _sender.Failure = () => RecipientRejected("ada@example.com");
        var service = Service();
        await service.DeliverDueAsync(default);
        _outbox.LastErrors.Should().ContainSingle("given up, the envelope is kept for now");

        _clock.Advance(_options.GivenUpRetention - TimeSpan.FromSeconds(1));
        (await service.SweepGivenUpAsync(default)).Should().Be(0);
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await service.SweepGivenUpAsync(default)).Should().Be(1);
        _outbox.LastErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_message_gets_its_own_sender_address_so_none_keeps_another_alive()
    {
        await _outbox.EnqueueAsync(Message, default);
        await _outbox.EnqueueAsync(Message, default);

        await Service().DeliverDueAsync(default);

        var froms = _sender.Sent.Select(m => m.From.Mailboxes.Single()).ToList();
        froms.Should().HaveCount(2);
        froms[0].Should().NotBeSameAs(froms[1], "MimeKit's address list subscribes to its address's changes");
    }

    private static SmtpCommandException RecipientRejected(string address) => new(
        SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, MailboxAddress.Parse(address),
        $"5.1.1 <{address}>: Recipient address rejected: User unknown");

    /// <summary>Moves the clock past the longest wait between rounds, then reads the condition.</summary>
    private bool NextRound(bool condition)
    {
        if (!condition)
        {
            _clock.Advance(_options.PollInterval * 1.2);
        }

        return condition;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should have held by now");
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        _metricsServices.Dispose();
    }

    private sealed class RecordingSender : IEmailSender
    {
        private readonly List<MimeMessage> _sent = [];

        public int FailuresLeft { get; set; }

        public Func<Exception>? Failure { get; set; }

        public int Attempts { get; private set; }

        public IReadOnlyList<MimeMessage> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        /// <summary>Every send waits until it is cancelled.</summary>
        public bool Block { get; set; }

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (Block)
            {
                lock (_sent)
                {
                    Attempts++;
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            lock (_sent)
            {
                Attempts++;
                if (FailuresLeft > 0)
                {
                    FailuresLeft--;
                    throw Failure?.Invoke() ?? new IOException("Connection refused");
                }

                _sent.Add(message);
            }

            return "test";
        }
    }

    /// <summary>Each send waits until the test releases it (or it is cancelled), then succeeds.</summary>
    private sealed class GatedSender : IEmailSender
    {
        private readonly SemaphoreSlim _gate = new(0);
        private readonly List<MimeMessage> _sent = [];
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public IReadOnlyList<MimeMessage> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public void ReleaseOne() => _gate.Release();

        public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _gate.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            lock (_sent)
            {
                _sent.Add(message);
            }

            return "test";
        }
    }

    private sealed class CapturingLogger : ILogger<EmailDeliveryService>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{formatter(state, exception)} {exception}");
            }
        }
    }

    /// <summary>The outbox, unreachable while <see cref="Down"/>; counts finished claims.</summary>
    private sealed class FlakyQueue(IOutboxQueue inner) : IOutboxQueue
    {
        private int _calls;

        public volatile bool Down;

        public int MarkSentFailuresLeft { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
        {
            try
            {
                return Down ? throw new StorageUnavailableException("down", new TimeoutException()) : await inner.ClaimDueAsync(now, lease, max, cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref _calls);
            }
        }

        public Task<bool> ExtendClaimAsync(OutboxEntry entry, DateTimeOffset leaseEnd, CancellationToken cancellationToken) =>
            inner.ExtendClaimAsync(entry, leaseEnd, cancellationToken);

        public Task<int> ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(entries, now, cancellationToken);

        public Task<long> DeleteGivenUpAsync(DateTimeOffset before, CancellationToken cancellationToken) => inner.DeleteGivenUpAsync(before, cancellationToken);

        public Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken)
        {
            if (MarkSentFailuresLeft > 0)
            {
                MarkSentFailuresLeft--;
                throw new StorageUnavailableException("busy", new TimeoutException());
            }

            return inner.MarkSentAsync(entry, cancellationToken);
        }

        public Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
            inner.RetryLaterAsync(entry, nextAttemptAt, error, cancellationToken);

        public Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
            inner.GiveUpAsync(entry, now, error, cancellationToken);

        public Task<long> CountQueuedAsync(CancellationToken cancellationToken) => inner.CountQueuedAsync(cancellationToken);
    }
}

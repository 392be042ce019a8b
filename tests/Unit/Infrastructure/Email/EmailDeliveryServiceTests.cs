using System.Diagnostics.Metrics;
using CleanAuth.Application.Common.Email;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly OutboxSignal _signal = new();
    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EmailDeliveryOptions _options = new()
    {
        From = "CleanAuth <no-reply@cleanauth.test>",
        RetryBaseDelay = TimeSpan.FromSeconds(10),
        RetryMaxDelay = TimeSpan.FromSeconds(30),
        MaxAttempts = 4,
    };

    public EmailDeliveryServiceTests() => _outbox = new InMemoryEmailOutbox(_clock);

    private EmailDeliveryService Service(IOutboxQueue? queue = null) => new(
        queue ?? _outbox, _sender, _signal, new EmailMetrics(_metricsServices.GetRequiredService<IMeterFactory>()),
        Microsoft.Extensions.Options.Options.Create(_options), _clock, NullLogger<EmailDeliveryService>.Instance);

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
        _signal.Wake();
        await WaitUntil(() => store.Calls >= 2);
        store.Down = false;
        _signal.Wake();
        await WaitUntil(() => _sender.Sent.Count == 1);
        await service.StopAsync(default);

        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue("nothing escapes the loop");
    }

    [Fact]
    public async Task An_enqueue_through_the_waking_outbox_wakes_the_sender_before_its_poll_interval()
    {
        _options.PollInterval = TimeSpan.FromHours(1);
        using var service = Service();
        await service.StartAsync(default);
        await Task.Delay(100);

        await new WakingEmailOutbox(_outbox, _signal).EnqueueAsync(Message, default);

        await WaitUntil(() => _sender.Sent.Count == 1);
        await service.StopAsync(default);
    }

    [Fact]
    public async Task A_send_interrupted_by_shutdown_hands_its_entry_back_at_once_instead_of_after_the_lease()
    {
        _sender.Block = true;
        await _outbox.EnqueueAsync(Message, default);
        using var service = Service();
        await service.StartAsync(default);
        await WaitUntil(() => _sender.Attempts == 1);

        await service.StopAsync(default);

        (await _outbox.ClaimDueAsync(_clock.GetUtcNow(), _options.ClaimLease, 10, default)).Should().ContainSingle("it was released, not left claimed");
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
        _signal.Dispose();
        _metricsServices.Dispose();
    }

    private sealed class RecordingSender : IEmailSender
    {
        private readonly List<MimeMessage> _sent = [];

        public int FailuresLeft { get; set; }

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
                    throw new IOException("Connection refused");
                }

                _sent.Add(message);
            }

            return "test";
        }
    }

    /// <summary>The outbox, unreachable while <see cref="Down"/>.</summary>
    private sealed class FlakyQueue(IOutboxQueue inner) : IOutboxQueue
    {
        private int _calls;

        public volatile bool Down;

        public int Calls => Volatile.Read(ref _calls);

        public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Down ? throw new StorageUnavailableException("down", new TimeoutException()) : inner.ClaimDueAsync(now, lease, max, cancellationToken);
        }

        public Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken) => inner.MarkSentAsync(entry, cancellationToken);

        public Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
            inner.RetryLaterAsync(entry, nextAttemptAt, error, cancellationToken);

        public Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
            inner.GiveUpAsync(entry, now, error, cancellationToken);

        public Task<long> CountQueuedAsync(CancellationToken cancellationToken) => inner.CountQueuedAsync(cancellationToken);
    }
}

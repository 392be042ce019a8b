using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every email outbox must do (ADR 0039); each adapter runs this same suite on its own store.</summary>
public abstract class EmailOutboxContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 15, 30, 250, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected FakeTimeProvider Clock { get; } = new(Now);

    protected abstract IEmailOutbox Outbox { get; }

    protected abstract IOutboxQueue Queue { get; }

    /// <summary>The text and HTML bodies the store still holds for an entry; null when the entry is gone.</summary>
    protected abstract Task<(string Text, string Html)?> StoredBodiesAsync(string id);

    private static EmailMessage Message(string to = "ada@example.com", string kind = "EmailConfirmation") => new(
        kind, to, "Ada <Lovelace> & Co", "Confirm your email", "Your code: 123456", "<p>Hello Ada &lt;Lovelace&gt; &amp; Co: <b>123456</b></p>");

    // The fixture's store is shared by a class's tests: each starts from an empty outbox.
    private async Task DrainAsync()
    {
        IReadOnlyList<OutboxEntry> left;
        do
        {
            left = await Queue.ClaimDueAsync(DateTimeOffset.MaxValue.AddYears(-1), Lease, 500, default);
            foreach (var entry in left)
            {
                await Queue.MarkSentAsync(entry, default);
            }
        }
        while (left.Count > 0);
    }

    [StoreFact]
    public async Task An_enqueued_message_is_claimed_once_with_every_field_intact_and_comes_back_after_its_lease()
    {
        await DrainAsync();
        var message = Message();
        await Outbox.EnqueueAsync(message, default);

        (await Queue.ClaimDueAsync(Now.AddMilliseconds(-1), Lease, 10, default)).Should().BeEmpty("it was enqueued later");
        var first = (await Queue.ClaimDueAsync(Now, Lease, 10, default)).Should().ContainSingle().Subject;
        first.Message.Should().Be(message);
        first.Attempt.Should().Be(1);
        first.EnqueuedAt.Should().Be(Now);
        (await Queue.ClaimDueAsync(Now + Lease - TimeSpan.FromSeconds(1), Lease, 10, default)).Should().BeEmpty("the claim holds for its lease");
        (await Queue.CountQueuedAsync(default)).Should().Be(1, "a claimed entry is still queued");

        var again = (await Queue.ClaimDueAsync(Now + Lease, Lease, 10, default)).Should().ContainSingle("its sender died: the lease is over").Subject;
        again.Id.Should().Be(first.Id);
        again.Attempt.Should().Be(2);
        again.ClaimToken.Should().NotBe(first.ClaimToken);

        (await Queue.MarkSentAsync(first, default)).Should().BeFalse("the first claim was lost");
        (await Queue.RetryLaterAsync(first, Now, "late", default)).Should().BeFalse();
        (await Queue.GiveUpAsync(first, Now, "late", default)).Should().BeFalse();
        (await Queue.MarkSentAsync(again, default)).Should().BeTrue();
        (await Queue.MarkSentAsync(again, default)).Should().BeFalse("it is gone");
    }

    [StoreFact]
    public async Task A_sent_entry_is_deleted_with_its_bodies()
    {
        await DrainAsync();
        await Outbox.EnqueueAsync(Message(), default);
        var entry = (await Queue.ClaimDueAsync(Now, Lease, 10, default)).Single();
        (await StoredBodiesAsync(entry.Id)).Should().NotBeNull();

        (await Queue.MarkSentAsync(entry, default)).Should().BeTrue();

        (await StoredBodiesAsync(entry.Id)).Should().BeNull("a delivered code is not kept");
        (await Queue.CountQueuedAsync(default)).Should().Be(0);
        (await Queue.ClaimDueAsync(Now.AddYears(1), Lease, 10, default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task A_retried_entry_is_due_again_at_the_time_given_and_no_sooner()
    {
        await DrainAsync();
        await Outbox.EnqueueAsync(Message(), default);
        var entry = (await Queue.ClaimDueAsync(Now, Lease, 10, default)).Single();
        var next = Now.AddSeconds(40);

        (await Queue.RetryLaterAsync(entry, next, "SmtpCommandException 451", default)).Should().BeTrue();

        (await Queue.ClaimDueAsync(next.AddMilliseconds(-1), Lease, 10, default)).Should().BeEmpty();
        (await Queue.CountQueuedAsync(default)).Should().Be(1);
        var retry = (await Queue.ClaimDueAsync(next, Lease, 10, default)).Should().ContainSingle().Subject;
        retry.Attempt.Should().Be(2);
        retry.Message.Should().Be(entry.Message);
    }

    [StoreFact]
    public async Task A_given_up_entry_is_never_due_again_nor_queued_and_keeps_no_body()
    {
        await DrainAsync();
        await Outbox.EnqueueAsync(Message(), default);
        var entry = (await Queue.ClaimDueAsync(Now, Lease, 10, default)).Single();

        (await Queue.GiveUpAsync(entry, Now, "SmtpCommandException 550", default)).Should().BeTrue();

        (await StoredBodiesAsync(entry.Id)).Should().Be(("", ""), "the envelope stays for the record, the code does not");
        (await Queue.CountQueuedAsync(default)).Should().Be(0);
        (await Queue.ClaimDueAsync(Now.AddYears(1), Lease, 10, default)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task A_claim_extended_before_a_send_holds_for_a_new_lease_and_a_lost_claim_cannot_be_extended()
    {
        await DrainAsync();
        await Outbox.EnqueueAsync(Message(), default);
        var entry = (await Queue.ClaimDueAsync(Now, Lease, 10, default)).Single();
        var later = Now + Lease - TimeSpan.FromSeconds(1);

        (await Queue.ExtendClaimAsync(entry, Now + Lease, default)).Should().BeTrue("a held claim extended to the lease end it has (a clock that did not move) is still held");
        (await Queue.ExtendClaimAsync(entry, later + Lease, default)).Should().BeTrue();

        (await Queue.ClaimDueAsync(later + Lease - TimeSpan.FromMilliseconds(1), Lease, 10, default)).Should().BeEmpty("the extended claim holds");
        var taken = (await Queue.ClaimDueAsync(later + Lease, Lease, 10, default)).Should().ContainSingle().Subject;
        (await Queue.ExtendClaimAsync(entry, later + (3 * Lease), default)).Should().BeFalse("another sender holds it now");
        (await Queue.MarkSentAsync(taken, default)).Should().BeTrue("the failed extension changed nothing");
    }

    [StoreFact]
    public async Task A_release_hands_back_only_this_senders_claims_due_at_once_and_does_not_count_an_attempt()
    {
        await DrainAsync();
        for (var i = 0; i < 3; i++)
        {
            await Outbox.EnqueueAsync(Message($"user{i}@example.com"), default);
        }

        var mine = await Queue.ClaimDueAsync(Now, Lease, 2, default);
        var theirs = (await Queue.ClaimDueAsync(Now, Lease, 2, default)).Single();
        (await Queue.RetryLaterAsync(mine[0], Now.AddHours(1), "451", default)).Should().BeTrue();

        (await Queue.ReleaseAsync([.. mine, theirs with { ClaimToken = "not-theirs" }], Now.AddSeconds(1), default))
            .Should().Be(1, "the retried entry and the other sender's entry are no longer this claim's");

        var again = (await Queue.ClaimDueAsync(Now.AddSeconds(1), Lease, 10, default)).Should().ContainSingle().Subject;
        again.Id.Should().Be(mine[1].Id);
        again.Attempt.Should().Be(1, "a claim handed back is not an attempt");
        (await Queue.MarkSentAsync(theirs, default)).Should().BeTrue("the other sender's claim was left alone");
        (await Queue.ReleaseAsync([], Now, default)).Should().Be(0);
    }

    [StoreFact]
    public async Task Given_up_entries_are_deleted_once_older_than_the_retention_and_only_they()
    {
        await DrainAsync();
        await Outbox.EnqueueAsync(Message("old@example.com"), default);
        await Outbox.EnqueueAsync(Message("recent@example.com"), default);
        await Outbox.EnqueueAsync(Message("queued@example.com"), default);
        var batch = await Queue.ClaimDueAsync(Now, Lease, 2, default);
        (await Queue.GiveUpAsync(batch[0], Now.AddDays(-40), "550", default)).Should().BeTrue();
        (await Queue.GiveUpAsync(batch[1], Now.AddDays(-20), "550", default)).Should().BeTrue();

        (await Queue.DeleteGivenUpAsync(Now.AddDays(-30), default)).Should().BeGreaterThanOrEqualTo(1);

        (await StoredBodiesAsync(batch[0].Id)).Should().BeNull("given up longer ago than the retention");
        (await StoredBodiesAsync(batch[1].Id)).Should().NotBeNull();
        (await Queue.CountQueuedAsync(default)).Should().Be(1);
    }

    [StoreFact]
    public async Task A_claim_takes_at_most_the_batch_oldest_due_first()
    {
        await DrainAsync();
        for (var i = 0; i < 5; i++)
        {
            await Outbox.EnqueueAsync(Message($"user{i}@example.com"), default);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var batch = await Queue.ClaimDueAsync(Clock.GetUtcNow(), Lease, 3, default);

        batch.Select(e => e.Message.ToAddress).Should().Equal("user0@example.com", "user1@example.com", "user2@example.com");
        (await Queue.ClaimDueAsync(Clock.GetUtcNow(), Lease, 10, default)).Select(e => e.Message.ToAddress)
            .Should().Equal("user3@example.com", "user4@example.com");
        (await Queue.CountQueuedAsync(default)).Should().Be(5);
    }

    [StoreFact]
    public async Task Concurrent_claimers_take_every_entry_exactly_once()
    {
        const int Entries = 24;
        const int Claimers = 6;
        for (var round = 0; round < 8; round++)
        {
            await DrainAsync();
            for (var i = 0; i < Entries; i++)
            {
                await Outbox.EnqueueAsync(Message($"r{round}-{i}@example.com"), default);
            }

            using var gate = new SemaphoreSlim(0);
            var claimers = Enumerable.Range(0, Claimers).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                var mine = new List<OutboxEntry>();
                IReadOnlyList<OutboxEntry> batch;
                do
                {
                    batch = await Queue.ClaimDueAsync(Now.AddMinutes(1), Lease, 3, default);
                    mine.AddRange(batch);
                }
                while (batch.Count > 0);
                return mine;
            })).ToList();
            gate.Release(Claimers);
            var claimed = (await Task.WhenAll(claimers)).SelectMany(c => c).ToList();

            claimed.Select(e => e.Id).Should().OnlyHaveUniqueItems($"round {round}: no entry may be claimed twice");
            claimed.Should().HaveCount(Entries, $"round {round}: every entry is claimed");
            claimed.Should().OnlyContain(e => e.Attempt == 1);
        }
    }
}

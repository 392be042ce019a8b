using System.Buffers.Text;
using System.Text;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ListActivity;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>Reading an account's activity a page at a time, and the cursor that carries a page's end (ADR 0054).</summary>
public sealed class ListActivityTests
{
    private const string Id = "65f2c0ffee00000000005e55";

    private readonly AccountFakes _kit = new();
    private readonly UserHandlerFixture _fixture = new();
    private readonly User _bob;

    public ListActivityTests()
    {
        _bob = _fixture.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com"));
    }

    private ListActivityQueryHandler Handler => new(_fixture.CurrentUser, _fixture.Users, _kit.ActivityLog);

    [Fact]
    public async Task Pages_walk_the_callers_own_entries_newest_first_and_the_last_page_has_no_next()
    {
        var kinds = await RecordAsync(_fixture.Stored.Id, 5);
        await RecordAsync(_bob.Id, 2);

        var first = await Handler.Handle(new ListActivityQuery(null, 2), default);
        var second = await Handler.Handle(new ListActivityQuery(first.Next, 2), default);
        var last = await Handler.Handle(new ListActivityQuery(second.Next, 2), default);

        first.Items.Concat(second.Items).Concat(last.Items).Select(e => e.Kind).Should().Equal(kinds.AsEnumerable().Reverse());
        first.Items.Concat(second.Items).Concat(last.Items).Should().OnlyContain(e => e.UserId == _fixture.Stored.Id);
        first.Next.Should().NotBeNull();
        second.Next.Should().NotBeNull();
        last.Items.Should().ContainSingle();
        last.Next.Should().BeNull();
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_entry_has_no_next()
    {
        await RecordAsync(_fixture.Stored.Id, 3);

        var page = await Handler.Handle(new ListActivityQuery(null, 3), default);

        page.Items.Should().HaveCount(3);
        page.Next.Should().BeNull("no entry is left for a next page");
    }

    [Fact]
    public async Task Without_a_page_size_a_page_holds_the_default_twenty()
    {
        await RecordAsync(_fixture.Stored.Id, PagingRules.DefaultPageSize + 1);

        var page = await Handler.Handle(new ListActivityQuery(null, null), default);

        page.Items.Should().HaveCount(PagingRules.DefaultPageSize);
        page.Next.Should().NotBeNull();
    }

    [Fact]
    public async Task An_administrator_names_the_user_and_an_unknown_or_malformed_id_is_not_found()
    {
        await RecordAsync(_fixture.Stored.Id, 1);
        await RecordAsync(_bob.Id, 2);

        var bobs = await Handler.Handle(new ListActivityQuery(null, 10, _bob.Id.Value), default);
        var unknown = () => Handler.Handle(new ListActivityQuery(null, 10, Id), default);
        var malformed = () => Handler.Handle(new ListActivityQuery(null, 10, "not an id"), default);

        bobs.Items.Should().HaveCount(2).And.OnlyContain(e => e.UserId == _bob.Id);
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("No user has this id.");
        await malformed.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public void Only_reading_another_users_activity_needs_the_admin_role()
    {
        new ListActivityQuery(null, null).RequiredRole.Should().BeNull();
        new ListActivityQuery(null, null, _bob.Id.Value).RequiredRole.Should().Be(Role.Admin);
    }

    [Fact]
    public void A_cursor_round_trips_the_position_it_was_made_from()
    {
        var position = new ActivityPosition(TestUsers.Epoch.AddTicks(7), Id);

        ActivityCursor.TryDecode(ActivityCursor.Encode(position), out var decoded).Should().BeTrue();

        decoded.Should().Be(position);
        decoded.At.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("5." + Id, true)] // one digit of ticks
    [InlineData("0000000000000000000000005." + Id, false)] // 25 digits: 50 bytes, past 64 characters of cursor
    [InlineData("00000000000000000000005." + Id, true)] // 23 digits: 48 bytes, exactly 64 characters
    [InlineData("." + Id, false)]
    [InlineData("5" + Id, false)] // no dot
    [InlineData("-5." + Id, false)]
    [InlineData("+5." + Id, false)]
    [InlineData(" 5." + Id, false)]
    [InlineData("5x." + Id, false)]
    [InlineData("5.65f2c0ffee00000000005e5", false)] // 23 hex digits
    [InlineData("5.65f2c0ffee00000000005e555", false)] // 25
    [InlineData("5.65F2C0FFEE00000000005E55", false)] // upper case
    [InlineData("5.65f2c0ffee00000000005e5g", false)]
    [InlineData("5.65f2c0ffee00000000005e55.", false)]
    public void A_cursor_decodes_only_to_ticks_a_dot_and_an_id(string text, bool valid)
    {
        var cursor = Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

        ActivityCursor.TryDecode(cursor, out var position).Should().Be(valid);
        if (valid)
        {
            (position.At.UtcTicks, position.Id).Should().Be((5, Id));
        }
        else
        {
            position.Should().Be(default(ActivityPosition));
        }
    }

    [Fact]
    public void The_largest_instant_decodes_and_one_tick_past_it_is_refused()
    {
        var max = DateTimeOffset.MaxValue.UtcTicks;

        ActivityCursor.TryDecode(Cursor($"{max}.{Id}"), out var position).Should().BeTrue();
        ActivityCursor.TryDecode(Cursor($"{max + 1}.{Id}"), out _).Should().BeFalse();
        position.At.Should().Be(DateTimeOffset.MaxValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64url!")]
    public void Nothing_that_is_not_an_encoded_cursor_decodes(string? cursor) =>
        ActivityCursor.TryDecode(cursor, out _).Should().BeFalse();

    [Fact]
    public void The_validator_refuses_a_bad_cursor_and_a_page_size_outside_1_to_100_and_takes_none()
    {
        var validator = new ListActivityQueryValidator();

        validator.Validate(new ListActivityQuery(null, null)).IsValid.Should().BeTrue();
        validator.Validate(new ListActivityQuery(Cursor($"5.{Id}"), 1)).IsValid.Should().BeTrue();
        validator.Validate(new ListActivityQuery(null, 100)).IsValid.Should().BeTrue();
        validator.Validate(new ListActivityQuery(null, 0)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(PagingRules.PageSizeMessage);
        validator.Validate(new ListActivityQuery(null, 101)).IsValid.Should().BeFalse();
        validator.Validate(new ListActivityQuery("nope", null)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(ActivityCursor.Invalid);
    }

    private static string Cursor(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

    // Entries of distinct kinds a millisecond apart, oldest first; returns their kinds in that order.
    private async Task<List<ActivityKind>> RecordAsync(UserId userId, int count)
    {
        var kinds = new List<ActivityKind>();
        for (var i = 0; i < count; i++)
        {
            var kind = (ActivityKind)(i % Enum.GetValues<ActivityKind>().Length);
            _kit.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await _kit.Activity.RecordAsync(userId, kind, default);
            kinds.Add(kind);
        }

        return kinds;
    }
}

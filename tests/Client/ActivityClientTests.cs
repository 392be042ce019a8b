using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using static CleanAuth.Tests.Client.Support.ClientProblems;

namespace CleanAuth.Tests.Client;

/// <summary>An account's security activity (issue 23), through the generated client: what happened, newest first, only the account's own.</summary>
public sealed class ActivityClientTests : IAsyncLifetime
{
    private readonly ClientApi _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_failed_then_a_successful_sign_in_are_listed_newest_first_with_their_kind_and_outcome()
    {
        var email = await _api.RegisterAsync();
        await FailToSignInAsync(email);
        var client = _api.Client((await _api.SignInAsync(email)).AccessToken);

        var items = (await client.Api.Users.Me.Activity.GetAsync())!.Items!;

        items.Select(i => (i.Kind, i.Outcome)).Should().Equal(
            (ActivityKind.SignIn, ActivityOutcome.Succeeded),
            (ActivityKind.SignIn, ActivityOutcome.WrongPassword));
        items[0].At.Should().BeOnOrAfter(items[1].At!.Value);
    }

    [Fact]
    public async Task Next_pages_one_entry_at_a_time_through_the_whole_history_and_ends_with_null()
    {
        var email = await _api.RegisterAsync();
        await FailToSignInAsync(email);
        await FailToSignInAsync(email);
        var client = _api.Client((await _api.SignInAsync(email)).AccessToken);
        var whole = (await client.Api.Users.Me.Activity.GetAsync())!;

        var paged = new List<ActivityItem>();
        string? cursor = null;
        do
        {
            var page = (await client.Api.Users.Me.Activity.GetAsync(r =>
            {
                r.QueryParameters.PageSize = 1;
                r.QueryParameters.Cursor = cursor;
            }))!;
            page.Items.Should().ContainSingle();
            paged.AddRange(page.Items!);
            cursor = page.Next;
        }
        while (cursor is not null && paged.Count < 10);

        whole.Next.Should().BeNull("three entries fit the default page");
        paged.Select(i => (i.At, i.Kind, i.Outcome)).Should().Equal(whole.Items!.Select(i => (i.At, i.Kind, i.Outcome)));
        paged.Select(i => i.Outcome).Should().Equal(ActivityOutcome.Succeeded, ActivityOutcome.WrongPassword, ActivityOutcome.WrongPassword);
    }

    [Fact]
    public async Task Another_accounts_activity_never_appears_in_mine_and_an_administrator_sees_each_apart()
    {
        var aliceEmail = await _api.RegisterAsync("Alice");
        var bobEmail = await _api.RegisterAsync("Bob");
        var alice = _api.Client((await _api.SignInAsync(aliceEmail)).AccessToken);
        await FailToSignInAsync(bobEmail);
        var bob = _api.Client((await _api.SignInAsync(bobEmail)).AccessToken);
        await bob.Api.Auth.LogoutAll.PostAsync();

        (await alice.Api.Users.Me.Activity.GetAsync())!.Items.Should().ContainSingle("Bob's failure, sign-in and sign-out are his alone")
            .Which.Should().Match<ActivityItem>(i => i.Kind == ActivityKind.SignIn && i.Outcome == ActivityOutcome.Succeeded);

        var admin = await _api.AdminAsync();
        var aliceId = (await alice.Api.Users.Me.GetAsync())!.Id;
        var bobId = (await admin.Api.Admin.Users.GetAsync(r => r.QueryParameters.Email = bobEmail))!.Items!.Single().Id;
        (await admin.Api.Admin.Users[aliceId].Activity.GetAsync())!.Items.Should().ContainSingle();
        (await admin.Api.Admin.Users[bobId].Activity.GetAsync())!.Items!.Select(i => (i.Kind, i.Outcome)).Should().Equal(
            (ActivityKind.SignedOutEverywhere, ActivityOutcome.Succeeded),
            (ActivityKind.SignIn, ActivityOutcome.Succeeded),
            (ActivityKind.SignIn, ActivityOutcome.WrongPassword));
    }

    private async Task FailToSignInAsync(string email) =>
        await ShouldFailAsync<ProblemDetails>(() => _api.Client().Api.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = "not the password at all" }), 401);
}

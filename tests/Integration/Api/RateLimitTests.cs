using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class RateLimitTests
{
    // Windows are aligned to the clock: on a loaded machine a few sequential requests can straddle a window's end
    // and find a fresh budget. A clock frozen at the real now keeps them in one window (tokens stay valid).
    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider FrozenNow() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Over_the_login_limit_a_client_gets_429_with_retry_after_and_a_problem_body()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Login"] = "3" }, FrozenNow());
        using var client = api.CreateClient();
        var email = $"rl-{Guid.NewGuid():N}@example.com";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email, password = "whatever it is" })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "whatever it is" });

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        limited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "each route has its own budget");
    }

    [Fact]
    public async Task Retry_after_is_the_time_really_left_in_the_window_and_the_window_reopens_then()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Login"] = "2" }, clock);
        using var client = api.CreateClient();
        Task<HttpResponseMessage> LoginAsync() => client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "whatever it is" });
        await LoginAsync();
        await LoginAsync();

        var first = (await LoginAsync()).Headers.RetryAfter!.Delta!.Value;
        first.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        clock.Advance(first - TimeSpan.FromSeconds(1));
        var almost = await LoginAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await LoginAsync();

        almost.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        almost.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1), "one second of the window is left, not a whole window");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "waiting as long as Retry-After said is enough");
    }

    [Fact]
    public async Task Register_and_refresh_are_limited_too()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Register"] = "1", ["RateLimits:Refresh"] = "1" }, FrozenNow());
        using var client = api.CreateClient();

        (await client.PostAsJsonAsync("/api/auth/register", new { name = "A", email = "a@example.com", password = "correct horse battery" })).StatusCode
            .Should().Be(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/auth/register", new { name = "B", email = "b@example.com", password = "correct horse battery" }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Change_password_is_limited_per_user_whatever_the_address()
    {
        await using var api = CleanAuthApi.Embedded(new()
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:ChangePassword"] = "2",
            ["RateLimits:Register"] = "10",
            ["RateLimits:Login"] = "10",
            ["Lockout:MaxFailedAttempts"] = "100",
        }, FrozenNow());
        var ann = await api.SignUpAsync();
        var bob = await api.SignUpAsync();
        var guess = new { currentPassword = "a wrong guess", newPassword = "a brand new long passphrase" };

        // A fresh client (connection) per guess: the limit follows the token's user, not the connection.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = api.CreateClient(ann.AccessToken);
            statuses.Add((await client.PutAsJsonAsync("/api/users/me/password", guess)).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        using var bobClient = api.CreateClient(bob.AccessToken);
        (await bobClient.PutAsJsonAsync("/api/users/me/password", guess)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "another user has their own budget");
    }

    [Fact]
    public async Task With_limits_switched_off_nothing_is_limited()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "false", ["RateLimits:Login"] = "1" });
        using var client = api.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/auth/login", new { email = "x@example.com", password = "whatever it is" })).StatusCode
                .Should().Be(HttpStatusCode.Unauthorized);
        }
    }
}

/// <summary>
/// The "uploads" policy on the real upload routes: adding a book and changing one take from one budget per signed-in
/// user, the refused upload stores nothing, and another user (on the same address) has a budget of their own.
/// </summary>
public sealed class UploadsPolicyTests
{
    [Fact]
    public async Task Adding_and_changing_books_share_one_budget_per_user()
    {
        await using var api = CleanAuthApi.Embedded(new() { ["RateLimits:Enabled"] = "true", ["RateLimits:Uploads"] = "2" },
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var ann = await api.SignUpAsync();
        var bob = await api.SignUpAsync();
        using var annClient = api.CreateClient(ann.AccessToken);
        using var bobClient = api.CreateClient(bob.AccessToken);

        var book = await annClient.AddBookAsync(title: "First");
        var id = book.GetProperty("id").GetString();
        (await annClient.PutAsync($"/api/books/{id}", BookClient.Form(title: "First, revised", cover: TestImages.Png())))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var limited = await annClient.PostAsync("/api/books", BookClient.Form("Second", "About things", "science", cover: TestImages.Jpeg()));

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await annClient.PutAsync($"/api/books/{id}", BookClient.Form(title: "First, again"))).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "a change without a cover is an upload route all the same");
        var list = await annClient.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/books");
        list.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("title").GetString())
            .Should().Equal(["First, revised"], "the refused requests stored nothing; reading is not an upload");
        (await bobClient.PostAsync("/api/books", BookClient.Form("Bob's", "About things", "science", cover: TestImages.Jpeg())))
            .StatusCode.Should().Be(HttpStatusCode.Created, "another user has their own budget");
    }
}

using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The account-code routes are limited per client IP; the routes that send mail also, after the body is read, per email
/// address (ADR 0040, ADR 0043: redeeming a code has no per-address limit, so nobody else's guesses refuse the owner's).
/// </summary>
public sealed class AccountEmailRateLimitTests
{
    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider FrozenNow() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Per_address_only_asking_for_mail_is_limited_whether_or_not_the_address_has_an_account()
    {
        await using var api = CleanAuthApi.Embedded(
            new() { ["RateLimits:Enabled"] = "true", ["RateLimits:AccountCodes"] = "100", ["RateLimits:AccountCodesPerAddress"] = "3", ["RateLimits:Register"] = "100" }, FrozenNow());
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();

        foreach (var email in new[] { user.Email, $"nobody-{Guid.NewGuid():N}@example.com" })
        {
            // Someone else asks for mail to the address until its mail budget is spent...
            (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await client.PostAsJsonAsync("/api/auth/email/resend", new { email = " " + email.ToUpperInvariant() })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            var mailLimited = await client.PostAsJsonAsync("/api/auth/email/resend", new { email });
            await mailLimited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            mailLimited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));

            // ...while presenting codes for it is never limited by the address, only by the client's IP.
            for (var i = 0; i < 10; i++)
            {
                (await client.PostAsJsonAsync("/api/auth/email/confirm", new { email, code = "0000-0000-0000" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
                (await client.PostAsJsonAsync("/api/auth/password/reset", new { email, code = "0000-0000-0000", newPassword = "a long new passphrase" }))
                    .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a code is limited per client IP only (ADR 0043)");
            }
        }

        (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = "someone-else@example.com" })).StatusCode
            .Should().Be(HttpStatusCode.Accepted, "another address has its own budget");
    }

    [Fact]
    public async Task A_429_is_not_stored_by_caches_like_every_other_problem_answer()
    {
        await using var api = CleanAuthApi.Embedded(
            new() { ["RateLimits:Enabled"] = "true", ["RateLimits:AccountCodes"] = "100", ["RateLimits:AccountCodesPerAddress"] = "1", ["RateLimits:Login"] = "1" }, FrozenNow());
        using var client = api.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/auth/email/confirm", new { email = "a@example.com", code = "0000-0000-0000" });
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = "a@example.com" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var byAddress = await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = "a@example.com" });
        await client.PostAsJsonAsync("/api/auth/login", new { email = "a@example.com", password = "whatever it is" });
        var byIp = await client.PostAsJsonAsync("/api/auth/login", new { email = "a@example.com", password = "whatever it is" });

        foreach (var limited in new[] { byAddress, byIp })
        {
            limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            limited.Headers.CacheControl!.NoStore.Should().BeTrue();
            limited.Headers.CacheControl.ToString().Should().Be(wrong.Headers.CacheControl!.ToString(), "the same header as a 400");
        }
    }

    [Fact]
    public async Task Per_ip_the_four_routes_share_one_budget_across_addresses()
    {
        await using var api = CleanAuthApi.Embedded(
            new() { ["RateLimits:Enabled"] = "true", ["RateLimits:AccountCodes"] = "3", ["RateLimits:AccountCodesPerAddress"] = "100" }, FrozenNow());
        using var client = api.CreateClient();

        (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = "a@example.com" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.PostAsJsonAsync("/api/auth/email/resend", new { email = "b@example.com" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.PostAsJsonAsync("/api/auth/email/confirm", new { email = "c@example.com", code = "0000-0000-0000" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var limited = await client.PostAsJsonAsync("/api/auth/password/reset", new { email = "d@example.com", code = "0000-0000-0000", newPassword = "a long new passphrase" });

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        (await client.PostAsJsonAsync("/api/auth/login", new { email = "d@example.com", password = "whatever it is" })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "login has its own budget");
    }
}

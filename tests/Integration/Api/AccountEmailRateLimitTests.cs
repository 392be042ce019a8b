using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>The email-code routes are limited per client IP and, after the body is read, per email address (ADR 0040).</summary>
public sealed class AccountEmailRateLimitTests
{
    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider FrozenNow() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Per_address_the_four_routes_share_one_budget_whether_or_not_the_address_has_an_account()
    {
        await using var api = CleanAuthApi.Embedded(
            new() { ["RateLimits:Enabled"] = "true", ["RateLimits:EmailCodes"] = "100", ["RateLimits:EmailCodesPerAddress"] = "3", ["RateLimits:Register"] = "100" }, FrozenNow());
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();

        foreach (var email in new[] { user.Email, $"nobody-{Guid.NewGuid():N}@example.com" })
        {
            (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await client.PostAsJsonAsync("/api/auth/email/resend", new { email = " " + email.ToUpperInvariant() })).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await client.PostAsJsonAsync("/api/auth/email/confirm", new { email, code = "0000-0000-0000" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

            var limited = await client.PostAsJsonAsync("/api/auth/password/reset", new { email, code = "0000-0000-0000", newPassword = "a long new passphrase" });

            await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            limited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        }

        (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = "someone-else@example.com" })).StatusCode
            .Should().Be(HttpStatusCode.Accepted, "another address has its own budget");
    }

    [Fact]
    public async Task Per_ip_the_four_routes_share_one_budget_across_addresses()
    {
        await using var api = CleanAuthApi.Embedded(
            new() { ["RateLimits:Enabled"] = "true", ["RateLimits:EmailCodes"] = "3", ["RateLimits:EmailCodesPerAddress"] = "100" }, FrozenNow());
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

using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Password hashing runs with bounded concurrency: sign-ins beyond what the hashing slots and their short queue
/// can serve are answered at once with 503 and Retry-After, instead of queueing behind every core.
/// </summary>
public sealed class HashingCapacityTests
{
    [Fact]
    public async Task Sign_ins_beyond_the_hashing_capacity_get_503_with_retry_after_at_once_and_the_rest_are_checked()
    {
        await using var api = CleanAuthApi.Embedded(new()
        {
            // Slow hashes (~0.1 s each), one slot, no shared queue, a short wait: a burst must overflow.
            ["Passwords:Iterations"] = "200000",
            ["Passwords:MaxConcurrentHashes"] = "1",
            ["Passwords:HashQueueLimit"] = "0",
            ["Passwords:HashQueueTimeout"] = "00:00:00.050",
        });
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();
        using var barrier = new Barrier(8);

        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            return await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "not the password at all" });
        })));

        burst.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.ServiceUnavailable);
        burst.Should().Contain(r => r.StatusCode == HttpStatusCode.Unauthorized, "the slot's holder was checked");
        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.Should().NotBeEmpty("eight slow hashes cannot share one slot within 50 ms");
        foreach (var response in refused)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        }

        (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode
            .Should().Be(HttpStatusCode.OK, "once the burst is over a sign-in gets its slot");
        var shed = await api.Logs.WaitForAsync(e => e.Str("EventName") == "HttpRequestCompleted" && e.Int("StatusCode") == 503);
        shed.Str("@l").Should().Be("Warning", "a refusal to protect the service is not an error to page anyone about");
        api.Logs.Events.Should().NotContain(e => e.Str("@l") == "Error" || e.Str("@l") == "Fatal");
    }
}

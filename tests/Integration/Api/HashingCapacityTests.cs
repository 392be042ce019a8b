using System.Net;
using System.Net.Http.Json;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

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

    // ADR 0046: the flood's guesses hold every anonymous slot (held here directly, so nothing depends on timing).
    [Fact]
    public async Task With_the_anonymous_lane_full_a_sign_in_with_its_own_device_token_gets_in_and_any_other_token_does_not()
    {
        await using var api = CleanAuthApi.Embedded(new()
        {
            ["Passwords:MaxConcurrentHashes"] = "1",
            ["Passwords:HashQueueLimit"] = "0",
            ["Passwords:HashQueueTimeout"] = "00:00:00.050",
        });
        var ann = await api.SignUpAsync();
        var bob = await api.SignUpAsync();
        using var client = api.CreateClient();
        var annsDevice = DeviceToken(await Login(client, ann.Email, ann.Password, null));
        var bobsDevice = DeviceToken(await Login(client, bob.Email, bob.Password, null));

        using (await api.Services.GetRequiredService<IHashingCapacity>().EnterAsync(HashingLane.Anonymous, default))
        {
            var known = await Login(client, ann.Email, ann.Password, annsDevice);
            known.StatusCode.Should().Be(HttpStatusCode.OK);
            (await known.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).EnumerateObject().Select(p => p.Name)
                .Should().BeEquivalentTo(["tokenType", "accessToken", "expiresIn", "refreshToken", "refreshExpiresIn"], "the body's fields are unchanged");
            DeviceToken(known).Should().NotBeNullOrEmpty();

            (await Login(client, ann.Email, "not the password at all", annsDevice)).StatusCode
                .Should().Be(HttpStatusCode.Unauthorized, "admitted, and answered as any wrong password is");
            foreach (var other in new[] { null, bobsDevice, "not a token", annsDevice[..^2] + "AA" })
            {
                var response = await Login(client, ann.Email, ann.Password, other);
                await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
                response.Headers.Contains("Device-Token").Should().BeFalse();
            }

            (await Login(client, "nobody@example.com", "not the password at all", annsDevice)).StatusCode
                .Should().Be(HttpStatusCode.ServiceUnavailable, "Ann's token is for Ann's address only");
        }
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string email, string password, string? deviceToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        if (deviceToken is not null)
        {
            request.Headers.Add("Device-Token", deviceToken);
        }

        return client.SendAsync(request);
    }

    private static string DeviceToken(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response.Headers.GetValues("Device-Token").Single();
    }
}

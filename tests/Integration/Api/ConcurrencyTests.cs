using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Racing registrations of one email: the store's unique index must admit exactly one.</summary>
public abstract class ConcurrentRegistrationTests(CleanAuthApi api)
{
    [StoreFact]
    public async Task Concurrent_registrations_of_one_email_admit_exactly_one()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            using var client = api.CreateClient();
            await start.WaitAsync();
            // Varying case and spacing: uniqueness is on the normalized form.
            var variant = i % 2 == 0 ? email : " " + email.ToUpperInvariant();
            return (await client.PostAsJsonAsync("/api/auth/register", new { name = $"Racer {i}", email = variant, password = "correct horse battery" })).StatusCode;
        }).ToList();
        start.Release(attempts.Count);

        var statuses = await Task.WhenAll(attempts);

        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1);
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(attempts.Count - 1);
    }
}

public sealed class EmbeddedConcurrentRegistrationTests(EmbeddedApiFixture fixture)
    : ConcurrentRegistrationTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class RealMongoConcurrentRegistrationTests(RealMongoApiFixture fixture)
    : ConcurrentRegistrationTests(fixture.Api), IClassFixture<RealMongoApiFixture>, INeedsRealMongo;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Two instances on one MongoDB with the same <c>TwoFactor:EncryptionKey</c> (ADR 0041): a key set up through one is
/// verified by the other, and a code accepted by one is refused by the other.
/// </summary>
public sealed class TwoFactorScaleOutTests(MongoWireServerFixture fixture) : IClassFixture<MongoWireServerFixture>
{
    [Fact]
    public async Task A_second_factor_enabled_on_one_instance_is_checked_once_across_both()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connection = fixture.Server.ConnectionString($"twofactor_scale_{Guid.NewGuid():N}");
        await using var first = CleanAuthApi.Mongo(connection, clock: clock);
        await using var second = CleanAuthApi.Mongo(connection, clock: clock);
        var user = await first.SignUpConfirmedAsync();
        using var client = first.CreateClient(user.AccessToken);
        var setup = await client.PostAsync("/api/users/me/two-factor/setup", null);
        var key = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        (await client.PostAsJsonAsync("/api/users/me/two-factor/enable", new { code = Code(key, clock) })).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(TestAuthenticator.Period));
        var body = new { email = user.Email, password = user.Password, twoFactorCode = Code(key, clock) };

        using var onSecond = second.CreateClient();
        using var onFirst = first.CreateClient();
        (await onSecond.PostAsJsonAsync("/api/auth/login", body)).StatusCode.Should().Be(HttpStatusCode.OK, "the other instance opens the key");
        (await onFirst.PostAsJsonAsync("/api/auth/login", body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the step was accepted once, whichever instance saw it");
    }

    private static string Code(string key, FakeTimeProvider clock) => TestAuthenticator.Code(key, TestAuthenticator.StepAt(clock.GetUtcNow()));
}

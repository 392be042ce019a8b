using System.Net;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Two API instances on one MongoDB-wire server, as behind a load balancer. (Two hosts cannot share the
/// embedded store: its file is opened exclusively by one process, which is why it is for one instance.)
/// </summary>
public sealed class ScaleOutTests(MongoWireServerFixture server) : IClassFixture<MongoWireServerFixture>
{
    [Fact]
    public async Task Disabling_a_user_on_one_instance_makes_their_tokens_fail_on_the_other_at_once()
    {
        var connection = server.Server.ConnectionString("scaleout_" + Guid.NewGuid().ToString("N"));
        await using var first = CleanAuthApi.Mongo(connection);
        await using var second = CleanAuthApi.Mongo(connection);
        var user = await first.SignUpAsync();
        var session = await second.SignInAsync(user.Email, user.Password);
        (await second.MeStatusAsync(user.AccessToken)).Should().Be(HttpStatusCode.OK, "a token from one instance works on the other");
        (await first.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK);

        using var client = first.CreateClient(user.AccessToken);
        (await client.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await second.MeStatusAsync(user.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await second.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        await (await second.RefreshAsync(session.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_spent_on_one_instance_is_reuse_on_the_other()
    {
        var connection = server.Server.ConnectionString("scaleout_" + Guid.NewGuid().ToString("N"));
        await using var first = CleanAuthApi.Mongo(connection);
        await using var second = CleanAuthApi.Mongo(connection);
        var user = await first.SignUpAsync();
        var session = await first.SignInAsync(user.Email, user.Password);

        var rotated = await Session.FromAsync(await first.RefreshAsync(session.RefreshToken));
        await (await second.RefreshAsync(session.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await (await first.RefreshAsync(rotated.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        second.Logs.Text.Should().Contain("RefreshTokenReuseDetected");
    }
}

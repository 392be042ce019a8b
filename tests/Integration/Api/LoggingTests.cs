using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

public sealed class LoggingTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task Register_login_and_a_failed_login_leave_no_password_token_or_key_in_the_logs()
    {
        var api = fixture.Api;
        const string password = "Sup3r-Secret-Passphrase!";
        var user = await api.SignUpAsync(password: password);
        using var client = api.CreateClient(user.AccessToken);
        (await client.GetAsync("/api/users/me")).EnsureSuccessStatusCode();
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-" + password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var logs = api.Logs.Text;

        logs.Should().Contain("RegisterUserCommand").And.Contain("LoginCommand").And.Contain(user.Id, "the logs are not empty and name the caller");
        logs.Should().NotContain(password);
        logs.Should().NotContain(user.AccessToken);
        logs.Should().NotContain(user.AccessToken.Split('.')[2], "not even the token's signature");
        logs.Should().NotContain(Convert.ToBase64String(CleanAuthApi.SigningKey));
        logs.Should().NotContain("AQAAAA", "no password hash either");
    }
}

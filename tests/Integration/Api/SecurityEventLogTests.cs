using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Reads the captured log of a whole session: every security event is there, with its context, and no secret is.</summary>
public sealed class SecurityEventLogTests
{
    private static readonly string[] SecurityEvents =
    [
        "LoginSucceeded", "LoginFailed", "AccountLocked", "RefreshTokenReuseDetected", "LoggedOut", "PasswordChanged",
        "AccountDisabled", "AccountEnabled", "RoleGranted", "RoleRevoked", "AuthorizationDenied",
        "EmailConfirmationSent", // registering mails a code; the email events' own test is AccountEmailApiTests
    ];

    [Fact]
    public async Task A_full_session_logs_every_security_event_with_user_ip_and_trace_and_no_secret()
    {
        const string adminPassword = "bootstrap admin passphrase";
        const string password = "Sup3r-Secret-Passphrase!";
        const string newPassword = "An0ther-Secret-Passphrase!";
        await using var api = CleanAuthApi.Embedded(new() { ["Bootstrap:AdminEmail"] = "root@example.com", ["Bootstrap:AdminPassword"] = adminPassword });
        using var anonymous = api.CreateClient();
        var secrets = new List<string> { adminPassword, password, newPassword };

        var admin = await api.SignInAsync("root@example.com", adminPassword);
        var user = await api.SignUpAsync(password: password);
        var session = await api.SignInAsync(user.Email, password);
        secrets.AddRange([admin.AccessToken, admin.RefreshToken, user.AccessToken, session.AccessToken, session.RefreshToken]);
        using var adminClient = api.CreateClient(admin.AccessToken);

        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-" + password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var rotated = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        secrets.AddRange([rotated.AccessToken, rotated.RefreshToken]);
        await api.RefreshAsync(session.RefreshToken);                                              // reuse
        var second = await api.SignInAsync(user.Email, password);
        secrets.AddRange([second.AccessToken, second.RefreshToken]);
        (await anonymous.PostAsJsonAsync("/api/auth/logout", new { refreshToken = second.RefreshToken })).EnsureSuccessStatusCode();
        var third = await api.SignInAsync(user.Email, password);
        secrets.AddRange([third.AccessToken, third.RefreshToken]);
        using (var userClient = api.CreateClient(third.AccessToken))
        {
            (await userClient.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            var changed = await userClient.PutAsJsonAsync("/api/users/me/password", new { currentPassword = password, newPassword });
            var fresh = await Session.FromAsync(changed);
            secrets.AddRange([fresh.AccessToken, fresh.RefreshToken]);
            using var freshClient = api.CreateClient(fresh.AccessToken);
            (await freshClient.PostAsync("/api/auth/logout-all", null)).EnsureSuccessStatusCode();
        }

        (await adminClient.PostAsync($"/api/admin/users/{user.Id}/roles/admin", null)).EnsureSuccessStatusCode();
        (await adminClient.DeleteAsync($"/api/admin/users/{user.Id}/roles/admin")).EnsureSuccessStatusCode();
        (await adminClient.PostAsync($"/api/admin/users/{user.Id}/disable", null)).EnsureSuccessStatusCode();
        (await adminClient.PostAsync($"/api/admin/users/{user.Id}/enable", null)).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-" + newPassword });
        }

        var logs = api.Logs.Text;
        var events = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("@i", out var id) && id.GetInt32() is >= 4000 and < 4100)
            .ToList();

        events.Select(e => e.GetProperty("EventName").GetString()).Distinct().Should().BeEquivalentTo(SecurityEvents);
        foreach (var e in events)
        {
            e.TryGetProperty("ClientIp", out _).Should().BeTrue("every security event carries the client IP field: " + e);
            e.GetProperty("TraceId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        }

        events.Where(e => e.GetProperty("EventName").GetString() != "LoginFailed")
            .Should().OnlyContain(e => e.GetProperty("UserId").GetString() == user.Id || e.GetProperty("UserId").GetString()!.Length == 24);
        events.Should().Contain(e => e.GetProperty("EventName").GetString() == "LoginFailed"
            && e.GetProperty("Reason").GetString() == "WrongPassword" && e.GetProperty("UserId").GetString() == user.Id);
        foreach (var secret in secrets)
        {
            logs.Should().NotContain(secret);
        }

        logs.Should().NotContain(Convert.ToBase64String(CleanAuthApi.SigningKey)).And.NotContain("AQAAAA", "no password hash");
    }
}

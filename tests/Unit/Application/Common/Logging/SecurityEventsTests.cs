using System.Reflection;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Unit.Application.Common.Logging;

public sealed class SecurityEventsTests
{
    private static readonly (MethodInfo Method, LoggerMessageAttribute Attribute)[] Definitions = typeof(SecurityEvents)
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
        .Select(m => (m, m.GetCustomAttribute<LoggerMessageAttribute>()!))
        .Where(d => d.Item2 is not null)
        .ToArray();

    [Fact]
    public void Every_event_has_a_unique_stable_id_in_its_areas_range_and_a_unique_name()
    {
        Definitions.Should().HaveCount(34);
        Definitions.Select(d => d.Attribute.EventId).Should().OnlyHaveUniqueItems().And.OnlyContain(id => (id >= 4000 && id < 4100) || (id >= 2500 && id < 2510),
            "4000–4099 for the first events and passkeys (4050–4054), 2500–2509 for the account's own (sessions, activity, erasure: ADRs 0053–0055)");
        Definitions.Select(d => d.Attribute.EventName).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(
            "LoginSucceeded", "LoginFailed", "AccountLocked", "RefreshTokenReuseDetected", "LoggedOut", "PasswordChanged",
            "AccountDisabled", "AccountEnabled", "RoleGranted", "RoleRevoked", "AuthorizationDenied",
            "EmailConfirmationSent", "EmailConfirmed", "EmailConfirmationFailed", "PasswordResetRequested", "PasswordReset", "PasswordResetFailed",
            "TwoFactorEnabled", "TwoFactorDisabled", "TwoFactorFailed", "RecoveryCodeUsed", "RecoveryCodesRegenerated", "TwoFactorReset",
            "PreRegistrationCleared", "RecentSignInRequired", "AccountErased", "AccountErasureCompleted", "AccountExported", "SessionEnded",
            "PasskeyRegistered", "PasskeyRegistrationFailed", "PasskeysRemoved", "PasskeySignInSucceeded", "PasskeySignInFailed");
    }

    [Fact]
    public void Every_event_carries_user_client_ip_and_trace_id_and_no_parameter_could_hold_a_secret()
    {
        foreach (var (method, _) in Definitions)
        {
            var names = method.GetParameters().Select(p => p.Name!).ToList();
            names.Should().Contain(["userId", "clientIp", "traceId"], method.Name);
            names.Should().NotContain(n => n.Contains("password", StringComparison.OrdinalIgnoreCase)
                || n.Contains("token", StringComparison.OrdinalIgnoreCase) || n.Contains("hash", StringComparison.OrdinalIgnoreCase), method.Name);
        }
    }

    [Fact]
    public void An_event_takes_the_client_ip_and_trace_id_from_the_client_context()
    {
        var kit = new AccountFakes();

        kit.Events.AccountLocked(UserId.From("000000000000000000000abc"), TestUsers.Epoch);

        var entry = kit.Log.Entries.Should().ContainSingle().Subject;
        entry.EventId.Id.Should().Be(4002);
        entry["ClientIp"].Should().Be(kit.Client.ClientIp);
        entry["TraceId"].Should().Be(kit.Client.TraceId);
        entry["UserId"].Should().Be("000000000000000000000abc");
        entry.Level.Should().Be(LogLevel.Warning);
    }
}

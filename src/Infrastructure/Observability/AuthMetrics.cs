using System.Diagnostics.Metrics;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Infrastructure.Observability;

/// <summary>The "CleanAuth" meter's authentication instruments (OpenTelemetry naming: dotted, lower case).</summary>
public sealed class AuthMetrics : IAuthMetrics
{
    public const string MeterName = "CleanAuth";
    public const string LoginsInstrument = "cleanauth.auth.logins";

    private readonly Counter<long> _logins;

    public AuthMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _logins = meter.CreateCounter<long>(LoginsInstrument, unit: "{login}",
            description: "Sign-in attempts, tagged outcome=succeeded|failed and, for failures, reason.");
    }

    public void LoginSucceeded() => _logins.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));

    public void LoginFailed(SignInFailure reason) => _logins.Add(1,
        new KeyValuePair<string, object?>("outcome", "failed"),
        new KeyValuePair<string, object?>("reason", reason switch
        {
            SignInFailure.UnknownEmail => "unknown_account",
            SignInFailure.WrongPassword => "wrong_password",
            SignInFailure.Disabled => "account_disabled",
            SignInFailure.LockedOut => "locked_out",
            SignInFailure.EmailNotConfirmed => "email_not_confirmed",
            SignInFailure.TwoFactorRequired => "two_factor_required",
            SignInFailure.TwoFactorFailed => "two_factor_failed",
            _ => "other",
        }));
}

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Counts what operators watch on dashboards; implemented over System.Diagnostics.Metrics.</summary>
public interface IAuthMetrics
{
    void LoginSucceeded();

    void LoginFailed(LoginFailureReason reason);
}

/// <summary>Why a sign-in was refused. Recorded for operators only; the caller always gets the same answer.</summary>
public enum LoginFailureReason
{
    UnknownAccount,
    WrongPassword,
    AccountDisabled,
}

using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>Counts what operators watch on dashboards; implemented over System.Diagnostics.Metrics.</summary>
public interface IAuthMetrics
{
    void LoginSucceeded();

    void LoginFailed(SignInFailure reason);
}

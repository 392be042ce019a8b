using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Auth.Ports;

/// <summary>Counts what operators watch on dashboards; implemented over System.Diagnostics.Metrics.</summary>
public interface IAuthMetrics
{
    void LoginSucceeded();

    void LoginFailed(LoginFailure reason);
}

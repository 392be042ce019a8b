using CleanAuth.Application.Auth.Ports;
using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeAuthMetrics : IAuthMetrics
{
    public int Succeeded { get; private set; }

    public List<LoginFailure> Failures { get; } = [];

    public void LoginSucceeded() => Succeeded++;

    public void LoginFailed(LoginFailure reason) => Failures.Add(reason);
}

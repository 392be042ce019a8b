using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeAuthMetrics : IAuthMetrics
{
    public int Succeeded { get; private set; }

    public List<SignInFailure> Failures { get; } = [];

    public void LoginSucceeded() => Succeeded++;

    public void LoginFailed(SignInFailure reason) => Failures.Add(reason);
}

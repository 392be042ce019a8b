using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeAuthMetrics : IAuthMetrics
{
    public int Succeeded { get; private set; }

    public List<LoginFailureReason> Failures { get; } = [];

    public void LoginSucceeded() => Succeeded++;

    public void LoginFailed(LoginFailureReason reason) => Failures.Add(reason);
}

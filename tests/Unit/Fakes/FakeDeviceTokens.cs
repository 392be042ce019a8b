using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>Issues a recognisable token per address and records each issue; knows no token as valid.</summary>
public sealed class FakeDeviceTokens : IDeviceTokens
{
    public List<string> IssuedFor { get; } = [];

    public static string TokenFor(string email) => $"device-token-for:{email}";

    public string Issue(string email)
    {
        IssuedFor.Add(email);
        return TokenFor(email);
    }

    public bool IsValidFor(string? token, string email) => false;
}

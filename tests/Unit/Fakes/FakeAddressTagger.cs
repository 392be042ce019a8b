using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>Tags an address by its normalized form's length and hash code: stable within a test, never the address itself.</summary>
public sealed class FakeAddressTagger : IAddressTagger
{
    public string Tag(string email)
    {
        var normalized = EmailAddress.Normalize(email);
        return $"tag-{normalized.Length}-{StringComparer.Ordinal.GetHashCode(normalized):x8}";
    }
}

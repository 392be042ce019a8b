using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>What a validated token would say about the caller; both null for an anonymous caller.</summary>
public sealed class FakeCallerIdentity : ICallerIdentity
{
    public string? UserId { get; set; }

    public string? SecurityStamp { get; set; }

    public string? SessionId { get; set; }

    public DateTimeOffset? AuthTime { get; set; }

    public static FakeCallerIdentity Anonymous() => new();

    public static FakeCallerIdentity For(User user) => new() { UserId = user.Id.Value, SecurityStamp = user.SecurityStamp };
}

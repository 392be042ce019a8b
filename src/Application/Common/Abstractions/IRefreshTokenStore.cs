namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// One issued refresh token, as stored: only the SHA-256 of the token, never the token. Every token
/// descended from one login shares a <see cref="FamilyId"/>; the family dies as a whole.
/// </summary>
public sealed record StoredRefreshToken(
    string Id,
    string TokenHash,
    string UserId,
    string FamilyId,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset FamilyExpiresAt,
    DateTimeOffset? SpentAt,
    DateTimeOffset? RevokedAt);

/// <summary>Where refresh tokens are kept. Implementations throw <see cref="Exceptions.StorageUnavailableException"/> when the store cannot be reached.</summary>
public interface IRefreshTokenStore
{
    Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken);

    /// <summary>The token with this hash, or null.</summary>
    Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token spent if, and only if, it is neither spent nor revoked, as one atomic step; true
    /// when this call spent it. Of two concurrent calls for one token, at most one gets true.
    /// </summary>
    Task<bool> TrySpendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every token of the family that is not yet revoked.</summary>
    Task RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every token of every family of the user.</summary>
    Task RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);
}

using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// One issued refresh token as the store reports it: the token's own facts (only the SHA-256 of the token,
/// never the token) joined with the state of its <see cref="FamilyId"/> — every token descended from one login
/// shares a family, and the family lives and dies as a whole.
/// </summary>
/// <param name="Id">The token's id.</param>
/// <param name="TokenHash">SHA-256 (hex) of the token.</param>
/// <param name="UserId">The family's user.</param>
/// <param name="FamilyId">The family (one login and every token rotated from it).</param>
/// <param name="SecurityStamp">The user's security stamp when the family started (the login).</param>
/// <param name="CreatedAt">When the token was issued.</param>
/// <param name="ExpiresAt">This token's own sliding end.</param>
/// <param name="FamilyExpiresAt">The family's absolute end.</param>
/// <param name="SpentAt">Set once the family has rotated past this token: it is no longer the family's current token.</param>
/// <param name="RevokedAt">When the family was revoked (logout, reuse, password change, disable).</param>
/// <param name="SignedInAt">
/// When the sign-in that started the family happened: the access tokens' <c>auth_time</c>, kept by every rotation.
/// Null for families started before it was kept (ADR 0047).
/// </param>
public sealed record StoredRefreshToken(
    string Id,
    string TokenHash,
    UserId UserId,
    string FamilyId,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset FamilyExpiresAt,
    DateTimeOffset? SpentAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? SignedInAt = null);

/// <summary>
/// Where refresh tokens are kept. A family's state — which token is current, whether it is revoked — is one
/// record, and every change of it is one conditional write of that record, so no interleaving of a rotation with
/// a revocation can leave a live token in a revoked family (ADR 0032). Implementations throw
/// <see cref="StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Starts a family (a login) whose current token is <paramref name="token"/>, keeping its <c>SignedInAt</c> for the family.</summary>
    Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken);

    /// <summary>The token with this hash and its family's state (with the family's <c>SignedInAt</c>), or null (unknown, or its family is gone).</summary>
    Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="next"/> the family's current token in place of <paramref name="spent"/>, as one
    /// conditional write of the family: only while <paramref name="spent"/> is still its current token, the family
    /// is not revoked and neither has expired at <c>next.CreatedAt</c>. True when this call rotated it; of
    /// concurrent calls with one token at most one gets true, and none after the family was revoked.
    /// </summary>
    Task<bool> TryRotateAsync(StoredRefreshToken spent, StoredRefreshToken next, CancellationToken cancellationToken);

    /// <summary>Revokes the family (one write of its state); true when this call revoked it, false when it already was or is unknown.</summary>
    Task<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every family of the user that is not revoked yet.</summary>
    Task RevokeAllForUserAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken);
}

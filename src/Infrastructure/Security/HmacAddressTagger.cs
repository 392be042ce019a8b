using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Address tags (ADR 0040): the first 48 bits of HMAC-SHA256 over the normalized address, keyed by a key derived
/// (HKDF) from the access-token signing key — a secret every instance already shares and that never leaves the
/// server — so the tag is stable across instances and restarts, and a guessed address cannot be checked without it.
/// Rotating the signing key changes every tag.
/// </summary>
public sealed class HmacAddressTagger(JwtSigningKey signingKey) : IAddressTagger
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("cleanauth/security-events/address-tag/v1");

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, info: Purpose);

    public string Tag(string email) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))))[..12];
}

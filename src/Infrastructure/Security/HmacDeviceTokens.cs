using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Device tokens (ADR 0046) that need no store: base64url of the expiry (8 bytes, Unix seconds) and HMAC-SHA256 over
/// the expiry and the normalized address, keyed by a key derived (HKDF) from the access-token signing key, so every
/// instance checks every other's tokens. They name no account: without the key a token cannot be told apart from
/// noise or matched to an address. Rotating the signing key ends them all (clients fall back to the anonymous lane).
/// </summary>
public sealed class HmacDeviceTokens(JwtSigningKey signingKey, IOptions<PasswordOptions> options, TimeProvider clock) : IDeviceTokens
{
    private const int ExpiryBytes = 8;
    private const int TagBytes = 32;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("cleanauth/sign-in/device-token/v1");

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, info: Purpose);
    private readonly TimeSpan _lifetime = options.Value.DeviceTokenLifetime;

    public string Issue(string email)
    {
        var token = new byte[ExpiryBytes + TagBytes];
        BinaryPrimitives.WriteInt64BigEndian(token, clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds());
        Sign(token.AsSpan(0, ExpiryBytes), email, token.AsSpan(ExpiryBytes));
        return Base64Url.EncodeToString(token);
    }

    public bool IsValidFor(string? token, string email)
    {
        Span<byte> bytes = stackalloc byte[ExpiryBytes + TagBytes];
        if (token is null || token.Length > 64
            || Base64Url.DecodeFromChars(token, bytes, out _, out var length) != OperationStatus.Done || length != bytes.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagBytes];
        Sign(bytes[..ExpiryBytes], email, expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes[ExpiryBytes..])
            && BinaryPrimitives.ReadInt64BigEndian(bytes) > clock.GetUtcNow().ToUnixTimeSeconds();
    }

    private void Sign(ReadOnlySpan<byte> expiry, string email, Span<byte> tag)
    {
        byte[] message = [.. expiry, .. Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))];
        HMACSHA256.HashData(_key, message, tag);
    }
}

using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Accounts.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// AES-256-GCM with the key from <c>TwoFactor:EncryptionKey</c> (ADR 0041). A ciphertext is
/// <c>v1.{key id}.{base64 nonce‖ciphertext‖tag}</c>, the key id being the first 8 hex digits of the key's SHA-256,
/// so that after a rotation the old keys (<c>TwoFactor:DecryptionKeys</c>) still open what they sealed. The context
/// (the user id) is authenticated data: a ciphertext copied to another account does not open.
/// </summary>
public sealed partial class AesGcmSecretProtector : ISecretProtector
{
    public const int KeyBytes = 32;
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string DevelopmentKeyFile = "two-factor-key.dev";

    private readonly byte[] _key;
    private readonly string _keyId;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly ILogger _logger;

    public AesGcmSecretProtector(byte[] key, IEnumerable<byte[]> previousKeys, ILogger? logger = null)
    {
        _key = key;
        _keyId = KeyId(key);
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var old in previousKeys.Prepend(key))
        {
            _keys.TryAdd(KeyId(old), old);
        }
    }

    /// <summary>
    /// From <c>TwoFactor:EncryptionKey</c>; in Development only, when none is configured, from a generated key kept in
    /// the data folder (ignored by git). Anywhere else a missing or malformed key stops the start.
    /// </summary>
    public static AesGcmSecretProtector Resolve(TwoFactorOptions options, IHostEnvironment environment, string dataPath, ILogger logger)
    {
        var previous = options.DecryptionKeys.Select((k, i) => Decode(k, $"TwoFactor:DecryptionKeys:{i}")).ToList();
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            return new AesGcmSecretProtector(Decode(options.EncryptionKey, "TwoFactor:EncryptionKey"), previous, logger);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"TwoFactor:EncryptionKey is not configured. Set it (for example through the environment variable TwoFactor__EncryptionKey) " +
                $"to {KeyBytes} random bytes in base64, such as the output of `openssl rand -base64 32`.");
        }

        var path = Path.Combine(dataPath, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataPath);
            JwtSigningKey.WriteOwnerOnly(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        }

        LogDevelopmentKey(logger, Path.GetFullPath(path));
        return new AesGcmSecretProtector(Decode(File.ReadAllText(path), path), previous, logger);
    }

    /// <summary>The id of the key that seals: the first 8 hex digits of its SHA-256, safe to print.</summary>
    public string EncryptionKeyId => _keyId;

    /// <summary>How a ciphertext of each configured key begins: a stored secret beginning otherwise opens with none (ADR 0048).</summary>
    public IReadOnlyCollection<string> SealPrefixes => [.. _keys.Keys.Select(id => $"{Version}.{id}.")];

    /// <summary>The key id a ciphertext names, or null when it is not one of this format.</summary>
    public static string? KeyIdOf(string ciphertext) => ciphertext.Split('.') is [Version, var keyId, _] ? keyId : null;

    public string Protect(byte[] secret, string context)
    {
        var sealedBytes = new byte[NonceBytes + secret.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(NonceBytes + secret.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}.{_keyId}.{Convert.ToBase64String(sealedBytes)}";
    }

    public byte[]? Unprotect(string ciphertext, string context)
    {
        var parts = ciphertext.Split('.');
        if (parts is not [Version, var keyId, var body] || !_keys.TryGetValue(keyId, out var key))
        {
            // A configuration error, not a wrong code: no configured key is the one that sealed this secret.
            LogUnreadable(_logger, context, KeyIdOf(ciphertext), _keyId);
            return null;
        }

        var sealedBytes = new byte[body.Length];
        if (!Convert.TryFromBase64String(body, sealedBytes, out var length) || length < NonceBytes + TagBytes)
        {
            return null;
        }

        var secret = new byte[length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(length - TagBytes, TagBytes),
                secret, Encoding.UTF8.GetBytes(context));
            return secret;
        }
        catch (AuthenticationTagMismatchException)
        {
            LogUnreadable(_logger, context, keyId, _keyId);
            return null;
        }
    }

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    private static byte[] Decode(string base64, string source)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length))
        {
            throw new InvalidOperationException($"The two-factor encryption key in {source} is not valid base64.");
        }

        if (length != KeyBytes)
        {
            throw new InvalidOperationException($"The two-factor encryption key in {source} is {length} bytes; it must be {KeyBytes}.");
        }

        return buffer[..length];
    }

    [LoggerMessage(EventId = 2011, EventName = "TwoFactorSecretUnreadable", Level = LogLevel.Error,
        Message = "A stored two-factor secret (context {Context}, sealed with key id {SealedKeyId}) opens with no configured key (TwoFactor:EncryptionKey is key id {KeyId}): " +
            "a configuration error, not a wrong code; set the key it was sealed with, or list it under TwoFactor:DecryptionKeys")]
    private static partial void LogUnreadable(ILogger logger, string context, string? sealedKeyId, string keyId);

    [LoggerMessage(EventId = 2003, EventName = "DevelopmentTwoFactorKey", Level = LogLevel.Warning,
        Message = "No TwoFactor:EncryptionKey is configured; using the development key kept in {KeyPath}. Never run like this outside Development.")]
    private static partial void LogDevelopmentKey(ILogger logger, string keyPath);
}

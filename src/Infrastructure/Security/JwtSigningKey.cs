using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security;

/// <summary>The HS256 key that signs and checks access tokens, resolved once at start-up.</summary>
public sealed partial class JwtSigningKey
{
    public const int MinimumBytes = 32;
    private const string DevelopmentKeyFile = "jwt-signing-key.dev";

    private JwtSigningKey(byte[] key) => Key = new SymmetricSecurityKey(key);

    public SymmetricSecurityKey Key { get; }

    /// <summary>
    /// From <c>Jwt:SigningKey</c>; in Development only, when none is configured, from a generated key
    /// kept in the data folder. Anywhere else a missing or short key stops the start.
    /// </summary>
    public static JwtSigningKey Resolve(string? configuredKey, IHostEnvironment environment, string dataPath, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new JwtSigningKey(Decode(configuredKey, "Jwt:SigningKey"));
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Jwt:SigningKey is not configured. Set it (for example through the environment variable Jwt__SigningKey) " +
                $"to at least {MinimumBytes} random bytes in base64, such as the output of `openssl rand -base64 48`.");
        }

        var path = Path.Combine(dataPath, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataPath);
            WriteOwnerOnly(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        LogDevelopmentKey(logger, Path.GetFullPath(path));
        return new JwtSigningKey(Decode(File.ReadAllText(path), path));
    }

    // Created readable by its owner only from the first byte; CreateNew keeps a second process from overwriting it.
    internal static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(content);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; its key is the one to use.
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length))
        {
            throw new InvalidOperationException($"The signing key in {source} is not valid base64.");
        }

        if (length < MinimumBytes)
        {
            throw new InvalidOperationException($"The signing key in {source} is {length} bytes; at least {MinimumBytes} are required.");
        }

        return buffer[..length];
    }

    [LoggerMessage(EventId = 2000, EventName = "DevelopmentSigningKey", Level = LogLevel.Warning,
        Message = "No Jwt:SigningKey is configured; using the development key kept in {KeyPath}. Never run like this outside Development.")]
    private static partial void LogDevelopmentKey(ILogger logger, string keyPath);
}

using System.Security.Cryptography;
using CleanAuth.Application.Accounts.Ports;
using Microsoft.Extensions.Options;
using OtpNet;
using QRCoder;

namespace CleanAuth.Infrastructure.Security;

/// <summary>RFC 6238 through Otp.NET (SHA-1, 6 digits, 30 s, one step of drift each way) and the QR code through QRCoder.</summary>
public sealed class OtpNetAuthenticator(IOptions<TwoFactorOptions> options) : IAuthenticator
{
    public const int SecretBytes = 20;
    public const int Digits = 6;
    public const int PeriodSeconds = 30;

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    // 160 bits, the HMAC-SHA-1 block RFC 4226 recommends.
    public byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public string SharedKey(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    // Key Uri Format: otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30.
    public string KeyUri(byte[] secret, string accountName)
    {
        var issuer = Uri.EscapeDataString(options.Value.Issuer);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(accountName)}?secret={SharedKey(secret)}&issuer={issuer}" +
            $"&algorithm=SHA1&digits={Digits}&period={PeriodSeconds}";
    }

    public string QrCodeSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    public long? MatchingStep(byte[] secret, string code, DateTimeOffset now) =>
        new Totp(secret, PeriodSeconds, OtpHashMode.Sha1, Digits).VerifyTotp(now.UtcDateTime, code, out var step, Drift) ? step : null;
}

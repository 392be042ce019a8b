using System.Text;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>
/// An email and password sent as <c>Authorization: Basic</c> (RFC 7617, UTF-8), the way one of the older tutorials'
/// clients signs in. Only the login route reads it, and no route ever challenges for it (a browser would prompt).
/// The header is never logged: nothing logs request headers, and a refusal never repeats it.
/// </summary>
public static class BasicCredentials
{
    public const string Field = "Authorization";
    public const string Malformed = "An Authorization: Basic header must carry base64 of UTF-8 \"email:password\" (RFC 7617).";
    public const string BodyToo = "Send the email and password either as an Authorization: Basic header or in the body, not both.";

    private const string Scheme = "Basic";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The credentials of a Basic header, or null when the request sends none; a malformed one is a 400.</summary>
    public static (string Email, string Password)? Read(HttpRequest request)
    {
        var headers = request.Headers[HeaderNames.Authorization];
        if (!headers.Any(IsBasic))
        {
            return null; // No header, or another scheme (a bearer token): the body speaks, as before.
        }

        // The user-id of RFC 7617 has no colon: the first one ends the email.
        var pair = headers.Count == 1 ? Decode(headers[0]![Scheme.Length..]) : null;
        var colon = pair?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return pair is not null && colon >= 0 ? (pair[..colon], pair[(colon + 1)..]) : throw ValidationException.ForField(Field, Malformed);
    }

    private static bool IsBasic(string? value) =>
        value is not null && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && (value.Length == Scheme.Length || value[Scheme.Length] == ' ');

    private static string? Decode(string token68)
    {
        var trimmed = token68.Trim(' ');
        var bytes = new byte[trimmed.Length];
        if (trimmed.Length == 0 || trimmed.Contains(' ', StringComparison.Ordinal) || !Convert.TryFromBase64String(trimmed, bytes, out var length))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

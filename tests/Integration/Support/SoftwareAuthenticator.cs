using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A passkey authenticator in software (ADR 0058): an ECDSA P-256 key, attestations of format "none" built with CBOR
/// as WebAuthn lays them out, and signed assertions, both as <c>PublicKeyCredential.toJSON()</c> gives them. What a
/// browser would check or add (origin, RP ID, flags) is a parameter, so tests can produce what a browser never would.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    public const string DefaultOrigin = "http://localhost:5080";
    public const string DefaultRpId = "localhost";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The user handle the creation options gave; sent back in every assertion.</summary>
    public byte[]? UserHandle { get; set; }

    /// <summary>The signature counter; each assertion adds one unless <see cref="Counts"/> is false.</summary>
    public uint Counter { get; set; }

    public bool Counts { get; set; } = true;

    public bool UserVerified { get; set; } = true;

    public void Dispose() => _key.Dispose();

    /// <summary>Answers creation options (the API's <c>publicKey</c>) with a new credential.</summary>
    public JsonObject Create(JsonElement publicKey, string origin = DefaultOrigin, string? rpId = null, Func<byte[], byte[]>? tamperClientData = null)
    {
        UserHandle = Base64Url(publicKey.GetProperty("user").GetProperty("id").GetString()!);
        var clientData = ClientData("webauthn.create", publicKey.GetProperty("challenge").GetString()!, origin);
        var authData = AuthenticatorData(rpId ?? publicKey.GetProperty("rp").GetProperty("id").GetString()!, attested: true);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString("none");
        writer.WriteTextString("attStmt");
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteTextString("authData");
        writer.WriteByteString(authData);
        writer.WriteEndMap();
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url(tamperClientData?.Invoke(clientData) ?? clientData),
            ["attestationObject"] = Base64Url(writer.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers request options (the API's <c>publicKey</c>) with a signed assertion.</summary>
    public JsonObject Get(JsonElement publicKey, string origin = DefaultOrigin, string? rpId = null, Func<byte[], byte[]>? tamperClientData = null, byte[]? userHandle = null)
    {
        if (Counts)
        {
            Counter++;
        }

        var clientData = ClientData("webauthn.get", publicKey.GetProperty("challenge").GetString()!, origin);
        var authData = AuthenticatorData(rpId ?? publicKey.GetProperty("rpId").GetString()!, attested: false);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url(tamperClientData?.Invoke(clientData) ?? clientData),
            ["authenticatorData"] = Base64Url(authData),
            ["signature"] = Base64Url(signature),
            ["userHandle"] = Base64Url(userHandle ?? UserHandle ?? throw new InvalidOperationException("No credential was created.")),
        });
    }

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = Base64Url(CredentialId),
        ["rawId"] = Base64Url(CredentialId),
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
        ["authenticatorAttachment"] = "platform",
    };

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false }.ToJsonString());

    // rpIdHash (32) | flags (UP, UV, BE, AT) | signCount (4, big-endian) [| AAGUID (16) | id length (2) | id | COSE key].
    private byte[] AuthenticatorData(string rpId, bool attested)
    {
        var flags = (byte)(0x01 | (UserVerified ? 0x04 : 0) | 0x08 | (attested ? 0x40 : 0));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, Counter);
        byte[] data = [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter];
        if (!attested)
        {
            return data;
        }

        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        return [.. data, .. new byte[16], .. length, .. CredentialId, .. CoseKey()];
    }

    // COSE_Key of an EC2 P-256 key for ES256, keys in CTAP2's canonical order (1, 3, -1, -2, -3).
    private byte[] CoseKey()
    {
        var point = _key.ExportParameters(false).Q;
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteInt32(-7);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(point.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(point.Y!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

using System.Text;
using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>The raw material of malformed requests: values no well-behaved client sends.</summary>
public static class Junk
{
    /// <summary>The same for every run, and larger than the 64 KB body limit of the JSON routes.</summary>
    public const int OverBodyLimit = 70 * 1024;

    /// <summary>JSON of the wrong type for a string field (null is left out: for some fields it means "not given").</summary>
    public static readonly Gen<string> WrongTypeForString = Gen.OneOf(
        "0", "-1", "1.5e308", "true", "false", "[]", "[\"a\"]", "{}", "{\"value\":\"x\"}", "[[1,2],[3]]");

    public static readonly Gen<string> WrongTypeForBool = Gen.OneOf(
        "\"true\"", "\"yes\"", "1", "0", "null", "[]", "{}", "[true]");

    /// <summary>Query-operator objects where a string belongs: harmless only if nothing hands them to the store as a query.</summary>
    public static readonly Gen<string> OperatorObject = Gen.OneOf(
        "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$regex\":\".*\"}", "{\"$where\":\"sleep(1000)\"}",
        "{\"$in\":[\"a\",\"b\"]}", "{\"$exists\":true}", "[{\"$gt\":\"\"}]");

    /// <summary>Nesting far past the serializer's depth limit, in the forms a parser recurses on.</summary>
    public static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[100, 10_000], Gen.Int[0, 3], (depth, shape) => shape switch
    {
        0 => new string('[', depth) + new string(']', depth),
        1 => new string('[', depth),
        2 => Repeat("{\"a\":", Math.Min(depth, 9_000)) + "1" + new string('}', Math.Min(depth, 9_000)),
        _ => "{\"name\":" + new string('[', depth) + "\"x\"" + new string(']', depth) + "}",
    });

    /// <summary>Bytes that are not UTF-8: a lone continuation byte, an overlong slash, a surrogate, a truncated sequence.</summary>
    public static readonly Gen<byte[]> InvalidUtf8 = Gen.OneOf<byte[]>(
        [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]);

    /// <summary>Control characters a name or title must refuse (C0, DEL, C1).</summary>
    public static readonly Gen<char> ControlChar = Gen.OneOf<char>(Gen.Char[(char)0, (char)31], Gen.Const((char)127), Gen.Char[(char)128, (char)159]);

    /// <summary>Text that is not JSON at all, or JSON of the wrong shape for a body that must be an object.</summary>
    public static readonly Gen<string> BrokenJson = Gen.OneOf(
        "", " ", "null", "[]", "\"text\"", "42", "{", "}", "{\"name\":", "{\"name\":\"x\"}}", "{'name':'x'}",
        "{\"name\":\"x\",}", "/* comment */{}", "NaN", "{\"a\":1}{\"b\":2}", "<xml/>", "name=x");

    /// <summary>Content types a JSON route must refuse.</summary>
    public static readonly Gen<string?> NonJsonContentType = Gen.OneOf<string?>(
        null, "text/plain", "application/xml", "text/html; charset=utf-8", "application/octet-stream", "image/jpeg",
        "application/jsonx", "json", "/", "application/json/x", "text/" + new string('a', 64 * 1024));

    /// <summary>Ids no route can find: not the 24-hex-digit form, or of that form but unknown, as they reach the path.</summary>
    public static readonly Gen<string> InvalidId = Gen.OneOf<string>(
        Gen.OneOf(
            // No %00: TestServer itself throws on a NUL in the path (Kestrel answers 400 before the app), so %01 stands in.
            "x", "0", "null", "undefined", "-1", "%01", "%ff%fe", "..%2f..%2fetc%2fpasswd", "%2e%2e", "%252e%252e%252f",
            "%7B%22%24gt%22%3A%22%22%7D", "%E2%80%AE", "%20", "'%20OR%201%3D1--", "abc;def", "%0d%0aX-Injected:%201",
            "aaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAAAAAAAAAAG", "%C3%A9" + new string('a', 22)),
        Gen.String[Gen.Char["0123456789abcdef"], 24, 24],
        Gen.Int[1_000, 8_000].Select(n => new string('f', n)));

    public static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzéøßå李"], 1, 10];

    /// <summary>A valid name: words, no control characters, no surrounding spaces.</summary>
    public static readonly Gen<string> Name = Word.Array[1, 4].Select(words => string.Join(' ', words));

    /// <summary>A string longer than a limit by a little or a lot, but well inside the body limit.</summary>
    public static Gen<string> Longer(int limit) => Gen.Int[limit + 1, limit + 2_000].Select(n => new string('x', n));

    /// <summary>A string past the body limit on its own.</summary>
    public static readonly Gen<string> Huge = Gen.Int[OverBodyLimit, 300 * 1024].Select(n => new string('h', n));

    public static string WithControl(string text, char control, int position) =>
        text.Insert(position % (text.Length + 1), control.ToString());

    public static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}

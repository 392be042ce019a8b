namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>The kinds of damage a generated request carries; the list, plus the valid requests mixed in.</summary>
public static class Categories
{
    public const string Valid = "valid";
    public const string WrongJsonType = "wrong JSON type";
    public const string OperatorObject = "operator object where a string belongs";
    public const string DeepNesting = "deep nesting";
    public const string HugeString = "huge string";
    public const string OverLongField = "field over its length limit";
    public const string MissingField = "missing or null field";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string ControlChars = "control characters";
    public const string MalformedJson = "malformed JSON";
    public const string WrongContentType = "wrong content type";
    public const string InvalidId = "invalid id";
    public const string MissingPart = "missing multipart part";
    public const string DuplicatedPart = "duplicated multipart part";
    public const string WrongPartContent = "wrong part content or content type";
    public const string NoBoundary = "multipart without a (matching) boundary";
    public const string InvalidField = "invalid field value";
    public const string BadQuery = "invalid query string";
    public const string BadCredentials = "missing, forged or absurd credentials";
    public const string AbsurdHeaders = "absurd headers";
    public const string NotTheCallers = "forbidden to the caller";
    public const string StalePrecondition = "stale or malformed If-Match";
    public const string OversizedFile = "file over its size limit";

    /// <summary>The categories the issue names; each must be sent often enough to mean something.</summary>
    public static readonly IReadOnlyList<string> Required =
    [
        WrongJsonType, OperatorObject, DeepNesting, HugeString, InvalidUtf8, ControlChars, InvalidId,
        MissingPart, DuplicatedPart, WrongPartContent, NoBoundary, WrongContentType, AbsurdHeaders,
    ];
}

using Vogen;

// No string silently becomes an id (From/TryParse only); an id reads as its text where it leaves the domain
// (documents, rows, responses, logs). No serializers: adapters map ids themselves (ADR 0035).
[assembly: VogenDefaults(
    conversions: Conversions.None,
    toPrimitiveCasting: CastOperator.None,
    fromPrimitiveCasting: CastOperator.None,
    staticAbstractsGeneration: StaticAbstractsGeneration.Omit,
    primitiveEqualityGeneration: PrimitiveEqualityGeneration.Omit)]

namespace CleanAuth.Domain.Common;

/// <summary>
/// The one form every id of this service has: MongoDB's ObjectId as 24 lower-case hex digits, made by the id
/// generator and moved between the two stores unchanged.
/// </summary>
public static class ObjectIdText
{
    public const int Length = 24;

    public static bool IsCanonical(string? text) =>
        text is { Length: Length } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// The id as it is stored (lower case), or null when the text is not 24 hex digits in any case. Route and token
    /// input goes through here: such an id finds nothing, the same as an unknown one.
    /// </summary>
    public static string? Canonical(string? text) =>
        text is { Length: Length } && text.All(char.IsAsciiHexDigit) ? text.ToLowerInvariant() : null;

    internal static Validation Validate(string value, string what) =>
        IsCanonical(value) ? Validation.Ok : Validation.Invalid($"{what} must be {Length} lower-case hexadecimal digits.");
}

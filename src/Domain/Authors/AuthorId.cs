using CleanAuth.Domain.Common;
using Vogen;

namespace CleanAuth.Domain.Authors;

/// <summary>An author's id (the ObjectId form, see <see cref="ObjectIdText"/>).</summary>
[ValueObject<string>]
public readonly partial struct AuthorId
{
    // Text that is not 24 hex digits becomes "", which validation refuses.
    /// <summary>An id from outside (a route, a form field) in any case; false when it is not one.</summary>
    public static bool TryParse(string? text, out AuthorId id) => TryFrom(ObjectIdText.Canonical(text) ?? "", out id);

    private static Validation Validate(string input) => ObjectIdText.Validate(input, "An author id");
}

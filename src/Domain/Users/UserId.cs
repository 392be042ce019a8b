using CleanAuth.Domain.Common;
using Vogen;

namespace CleanAuth.Domain.Users;

/// <summary>A user's id (the ObjectId form, see <see cref="ObjectIdText"/>).</summary>
[ValueObject<string>]
public readonly partial struct UserId
{
    // Text that is not 24 hex digits becomes "", which validation refuses.
    /// <summary>An id from outside (a route, a token) in any case; false when it is not one.</summary>
    public static bool TryParse(string? text, out UserId id) => TryFrom(ObjectIdText.Canonical(text) ?? "", out id);

    private static Validation Validate(string input) => ObjectIdText.Validate(input, "A user id");
}

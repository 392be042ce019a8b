namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// How many books one owner has, kept beside the books in the same transactions: counting a library through
/// LiteDB's index costs time in proportion to the library, and every list page reports the total.
/// </summary>
public sealed class LiteLibrarySizeDocument
{
    /// <summary>The owner's id.</summary>
    public string Id { get; set; } = "";

    public int Books { get; set; }
}

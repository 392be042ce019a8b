namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>
/// What the store should hold, built only from the requests the fuzzer sent as valid and the API accepted.
/// Also the live credentials the valid requests need (a fuzz run is one long session against one store).
/// </summary>
public sealed class FuzzModel
{
    private int _counter;

    public required ModelUser Admin { get; init; }

    /// <summary>The library owner: every book and author is theirs, and most malformed requests carry their token.</summary>
    public required ModelUser Owner { get; init; }

    /// <summary>Accounts the valid register requests created.</summary>
    public List<ModelUser> Users { get; } = [];

    public Dictionary<string, ModelBook> Books { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ModelAuthor> Authors { get; } = new(StringComparer.Ordinal);

    /// <summary>A number never handed out before, for unique emails and titles.</summary>
    public int Next() => ++_counter;

    /// <summary>The item at a generated position, or null when there is none.</summary>
    public static T? Pick<T>(IReadOnlyList<T> items, int position) where T : class =>
        items.Count == 0 ? null : items[position % items.Count];
}

public sealed class ModelUser(string id, string email, string name, string password)
{
    public string Id { get; } = id;

    public string Email { get; } = email;

    public string Name { get; set; } = name;

    public string Password { get; set; } = password;

    public bool Disabled { get; set; }

    public bool IsAdmin { get; set; }

    /// <summary>The tokens of the user's current sign-in; null when they must sign in again.</summary>
    public Support.Session? Session { get; set; }
}

public sealed record ModelBook(string Id, string Title, string Description, string Category, string? AuthorId);

public sealed record ModelAuthor(string Id, string Name, string Country, bool BookerPrize);

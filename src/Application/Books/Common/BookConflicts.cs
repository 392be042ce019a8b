namespace CleanAuth.Application.Books.Common;

public static class BookConflicts
{
    public const string DuplicateTitle = "You already have a book with this title.";
}

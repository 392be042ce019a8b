using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>The request stream: about one valid request in six, the rest malformed in one of the ways.</summary>
public static class FuzzGenerators
{
    public static readonly Gen<FuzzCase> Any = Gen.Frequency(
        // Valid requests, about one in six: they build the state the malformed ones then hit (books to damage,
        // users to sign in). They cost most of the run's time (hashing, image processing, store writes), so no more.
        (2, ValidCases.Register),
        (2, ValidCases.Login),
        (3, ValidCases.SessionAction),
        (2, ValidCases.AdminAction),
        (1, ValidCases.Rename),
        (2, ValidCases.CreateAuthor),
        (1, ValidCases.DeleteAuthor),
        (2, ValidCases.AddBook),
        (2, ValidCases.UpdateBook),
        (1, ValidCases.DeleteBook),
        (2, ValidCases.Read),
        // JSON bodies.
        (6, JsonJunk.WrongType),
        (5, JsonJunk.OperatorObject),
        (4, JsonJunk.DeepNesting),
        (4, JsonJunk.Huge),
        (4, JsonJunk.OverLong),
        (3, JsonJunk.Missing),
        (5, JsonJunk.InvalidUtf8),
        (5, JsonJunk.ControlChars),
        (4, JsonJunk.Broken),
        (4, JsonJunk.WrongContentType),
        (1, JsonJunk.BrokenLoginForm),
        // Multipart bodies.
        (3, RouteJunk.MissingPart),
        (4, RouteJunk.DuplicatedPart),
        (4, RouteJunk.WrongPartContent),
        (4, RouteJunk.NoBoundary),
        (3, RouteJunk.WrongContentType),
        (4, RouteJunk.InvalidField),
        (2, RouteJunk.InvalidUtf8Part),
        (4, LibraryJunk.Import),
        // Paths, queries and headers.
        (8, RouteJunk.InvalidId),
        (5, RouteJunk.BadQuery),
        (2, RouteJunk.StalePrecondition),
        // Some routes take no input but the caller's credentials (GET lists, POSTs without a body): this is most of
        // their junk, so it is weighted to give each of the 40-odd signed-in routes its share (at least 20 in 10,000).
        (20, RouteJunk.BadCredentials),
        (5, RouteJunk.AbsurdHeaders));
}

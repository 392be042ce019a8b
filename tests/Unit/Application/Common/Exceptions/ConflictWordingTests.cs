using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Tests.Unit.Application.Common.Exceptions;

/// <summary>
/// The stores report a conflict as a fact (a type); its words are the 409's detail that clients show, worded here
/// once for both stores (ADR 0036).
/// </summary>
public sealed class ConflictWordingTests
{
    public static TheoryData<ConflictException, string> Conflicts() => new()
    {
        { new DuplicateBookTitleException(), "You already have a book with this title." },
        { new BookChangedException(), "The book was changed by another request; retry." },
        { new AccountChangedException(), "The account was changed by another request; retry." },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Each_store_fact_is_a_409_conflict_with_the_words_clients_show(ConflictException conflict, string detail)
    {
        conflict.Kind.Should().Be(RejectionKind.Conflict);
        conflict.Message.Should().Be(detail);
    }
}

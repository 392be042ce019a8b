using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Domain.Books;

public class BookTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 123, TimeSpan.Zero).AddTicks(4567);

    [Fact]
    public void A_new_book_keeps_its_value_objects_forms_and_starts_at_version_0()
    {
        var book = Book.Add(BookId.From("000000000000000000000b01"), UserId.From("000000000000000000000abc"), BookTitle.Create("  Dune "),
            "  A desert planet. ", BookCategory.Create("SCIENCE"), null, TestBooks.Cover, Now);

        book.Title.Should().Be("Dune");
        book.NormalizedTitle.Should().Be("DUNE");
        book.Description.Should().Be("A desert planet.");
        book.Category.Should().Be("science");
        book.AuthorId.Should().BeNull();
        book.CreatedAt.Should().Be(book.UpdatedAt).And.Be(Now, "the domain keeps the time it is given; the service clock has millisecond resolution");
        book.Version.Should().Be(0);
    }

    [Fact]
    public void Edit_changes_only_the_fields_given_and_always_sets_the_author()
    {
        var book = TestBooks.New(authorId: "000000000000000000000a01");
        var author = AuthorId.From("000000000000000000000a02");

        book.Edit(null, null, BookCategory.Create("horror"), author, Now.AddDays(1));

        book.Title.Should().Be("Dune");
        book.Category.Should().Be("horror");
        book.AuthorId.Should().Be(author);
        book.UpdatedAt.Should().BeAfter(book.CreatedAt);

        book.Edit(BookTitle.Create(" Children of Dune "), " sequel ", null, null, Now.AddDays(2));
        book.Title.Should().Be("Children of Dune");
        book.Description.Should().Be("sequel");
        book.Category.Should().Be("horror");
        book.AuthorId.Should().BeNull("a null author removes it");
    }

    [Fact]
    public void Replacing_the_cover_touches_the_book_and_leaves_the_version_read()
    {
        var book = TestBooks.New();
        var cover = TestBooks.Cover with { Width = 1 };

        book.ReplaceCover(cover, Now.AddDays(1));

        book.Cover.Should().Be(cover);
        book.UpdatedAt.Should().BeAfter(book.CreatedAt);
        book.Version.Should().Be(0, "the store's conditional update gives the next version; the entity does not count its saves");
    }
}

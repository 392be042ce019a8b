using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.GetCover;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class GetCoverQueryHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly GetCoverQueryHandler _handler;
    private readonly Book _book;

    public GetCoverQueryHandlerTests()
    {
        _handler = new GetCoverQueryHandler(_fixture.CurrentUser, _fixture.Books, _fixture.Covers);
        _book = _fixture.SeedBook("Dune");
    }

    [Fact]
    public async Task The_original_comes_with_its_own_type_etag_length_and_bytes()
    {
        var download = await _handler.Handle(new GetCoverQuery(_book.Id.Value, Thumbnail: false), default);

        await using var content = download.Content;
        download.ContentType.Should().Be("image/png");
        download.ETag.Should().Be(_book.Cover!.Original.ETag);
        download.Length.Should().Be(_book.Cover!.Original.Length);
        (await ReadAll(content)).Should().Equal(_fixture.Covers.File(_book.Cover!.Original.FileId)!.Content);
    }

    [Fact]
    public async Task The_thumbnail_comes_with_its_own_type_etag_length_and_bytes()
    {
        var download = await _handler.Handle(new GetCoverQuery(_book.Id.Value, Thumbnail: true), default);

        await using var content = download.Content;
        download.ContentType.Should().Be("image/jpeg");
        download.ETag.Should().Be(_book.Cover!.Thumbnail.ETag);
        download.ETag.Should().NotBe(_book.Cover!.Original.ETag);
        download.Length.Should().Be(_book.Cover!.Thumbnail.Length);
        (await ReadAll(content)).Should().Equal(_fixture.Covers.File(_book.Cover!.Thumbnail.FileId)!.Content);
    }

    [Fact]
    public async Task A_book_without_a_cover_has_none_to_give()
    {
        var imported = _fixture.Books.Seed(Book.Add(BookId.From("000000000000000000000c01"), _fixture.Alice.Id, BookTitle.Create("Imported"), "",
            BookCategory.Create("science"), null, cover: null, TestUsers.Epoch));

        var act = () => _handler.Handle(new GetCoverQuery(imported.Id.Value, Thumbnail: false), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage("This book has no cover.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_file_is_not_found(bool thumbnail)
    {
        await _fixture.Covers.DeleteAsync(thumbnail ? _book.Cover!.Thumbnail.FileId : _book.Cover!.Original.FileId, default);

        var act = () => _handler.Handle(new GetCoverQuery(_book.Id.Value, thumbnail), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage("The cover file is missing.");
    }

    [Fact]
    public async Task Another_owners_cover_is_not_found_like_an_unknown_book()
    {
        var theirs = _fixture.SeedBook("Theirs", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(new GetCoverQuery(theirs.Id.Value, Thumbnail: false), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
    }

    private static async Task<byte[]> ReadAll(Stream content)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

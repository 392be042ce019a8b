using CleanAuth.Application.Books.ListCategories;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class ListCategoriesQueryHandlerTests
{
    [Fact]
    public async Task Lists_the_fixed_categories_in_their_canonical_spelling()
    {
        var result = await new ListCategoriesQueryHandler().Handle(new ListCategoriesQuery(), default);

        result.Should().Equal("romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller");
    }
}

using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Tests.Unit.Fakes;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class BookValidatorTests
{
    private readonly AddBookCommandValidator _add = new();
    private readonly UpdateBookCommandValidator _update = new();
    private readonly ListBooksQueryValidator _list = new();

    [Fact]
    public void A_complete_add_is_valid()
    {
        _add.TestValidate(Add()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Add_accepts_a_title_of_200_characters_and_refuses_201()
    {
        _add.TestValidate(Add(title: new string('t', 200))).ShouldNotHaveAnyValidationErrors();
        _add.TestValidate(Add(title: $"  {new string('t', 200)}  ")).ShouldNotHaveAnyValidationErrors();
        _add.TestValidate(Add(title: new string('t', 201)))
            .ShouldHaveValidationErrorFor(c => c.Title).WithErrorMessage("Title must be at most 200 characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Add_requires_a_title(string? title)
    {
        _add.TestValidate(Add(title: title))
            .ShouldHaveValidationErrorFor(c => c.Title).WithErrorMessage("Title is required.").Only();
    }

    [Fact]
    public void Add_refuses_control_characters_in_the_title()
    {
        _add.TestValidate(Add(title: "Du\u0000ne"))
            .ShouldHaveValidationErrorFor(c => c.Title).WithErrorMessage("Title must not contain control characters.");
    }

    [Fact]
    public void Add_accepts_a_description_of_4000_characters_and_refuses_4001()
    {
        _add.TestValidate(Add(description: null)).ShouldNotHaveAnyValidationErrors();
        _add.TestValidate(Add(description: new string('d', 4000))).ShouldNotHaveAnyValidationErrors();
        _add.TestValidate(Add(description: new string('d', 4001)))
            .ShouldHaveValidationErrorFor(c => c.Description).WithErrorMessage("Description must be at most 4000 characters.");
    }

    [Theory]
    [InlineData("romance")]
    [InlineData("ROMANCE")]
    [InlineData(" Picture Book ")]
    [InlineData("thriller")]
    public void Add_accepts_a_category_from_the_list_in_any_case(string category)
    {
        _add.TestValidate(Add(category: category)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cooking")]
    [InlineData("picturebook")]
    public void Add_refuses_a_missing_or_unknown_category(string? category)
    {
        _add.TestValidate(Add(category: category))
            .ShouldHaveValidationErrorFor(c => c.Category)
            .WithErrorMessage("Category must be one of: romance, poetry, politics, picture book, science, fantasy, horror, thriller.");
    }

    [Fact]
    public void Add_requires_a_cover()
    {
        _add.TestValidate(new AddBookCommand("Dune", null, "science", null, null))
            .ShouldHaveValidationErrorFor(c => c.Cover).WithErrorMessage("A cover image is required.");
    }

    [Fact]
    public void Add_refuses_an_empty_cover_file_and_accepts_one_byte()
    {
        _add.TestValidate(Add(cover: new FakeUpload([])))
            .ShouldHaveValidationErrorFor(c => c.Cover).WithErrorMessage("The cover file is empty.");
        _add.TestValidate(Add(cover: new FakeUpload([0x89]))).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Add_reports_every_invalid_field_at_once()
    {
        var result = _add.TestValidate(new AddBookCommand("", new string('d', 4001), "nope", null, null));

        result.ShouldHaveValidationErrorFor(c => c.Title);
        result.ShouldHaveValidationErrorFor(c => c.Description);
        result.ShouldHaveValidationErrorFor(c => c.Category);
        result.ShouldHaveValidationErrorFor(c => c.Cover);
    }

    [Fact]
    public void An_update_that_changes_nothing_is_valid()
    {
        _update.TestValidate(new UpdateBookCommand("id", null, null, null, null, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Update_applies_the_title_rules_to_a_given_title()
    {
        _update.TestValidate(Update(title: new string('t', 200))).ShouldNotHaveAnyValidationErrors();
        _update.TestValidate(Update(title: new string('t', 201)))
            .ShouldHaveValidationErrorFor(c => c.Title).WithErrorMessage("Title must be at most 200 characters.");
        _update.TestValidate(Update(title: "   "))
            .ShouldHaveValidationErrorFor(c => c.Title).WithErrorMessage("Title is required.");
        _update.TestValidate(Update(title: "a\nb")).ShouldHaveValidationErrorFor(c => c.Title);
    }

    [Fact]
    public void Update_accepts_a_description_of_4000_characters_and_refuses_4001()
    {
        _update.TestValidate(Update(description: "")).ShouldNotHaveAnyValidationErrors();
        _update.TestValidate(Update(description: new string('d', 4000))).ShouldNotHaveAnyValidationErrors();
        _update.TestValidate(Update(description: new string('d', 4001))).ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public void Update_checks_a_given_category_in_any_case()
    {
        _update.TestValidate(Update(category: "Horror")).ShouldNotHaveAnyValidationErrors();
        _update.TestValidate(Update(category: "cooking")).ShouldHaveValidationErrorFor(c => c.Category);
        _update.TestValidate(Update(category: "")).ShouldHaveValidationErrorFor(c => c.Category);
    }

    [Fact]
    public void Update_refuses_an_empty_cover_file()
    {
        _update.TestValidate(Update(cover: new FakeUpload([])))
            .ShouldHaveValidationErrorFor(c => c.Cover).WithErrorMessage("The cover file is empty.");
        _update.TestValidate(Update(cover: FakeUpload.Png())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Update_accepts_any_author_id_the_handler_then_checks()
    {
        _update.TestValidate(Update(authorId: "")).ShouldNotHaveAnyValidationErrors();
        _update.TestValidate(Update(authorId: "anything")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_list_without_parameters_is_valid()
    {
        _list.TestValidate(new ListBooksQuery(null, null, null, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(1_000_000, true)]
    [InlineData(1_000_001, false)]
    public void List_page_is_between_1_and_a_million(int page, bool valid)
    {
        var result = _list.TestValidate(new ListBooksQuery(null, null, page, null));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Page).WithErrorMessage("page must be between 1 and 1000000.");
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void List_page_size_is_between_1_and_100(int pageSize, bool valid)
    {
        var result = _list.TestValidate(new ListBooksQuery(null, null, null, pageSize));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.PageSize).WithErrorMessage("pageSize must be between 1 and 100.");
        }
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("poetry", true)]
    [InlineData("POETRY", true)]
    [InlineData("cooking", false)]
    public void List_category_is_optional_and_from_the_list_in_any_case(string category, bool valid)
    {
        var result = _list.TestValidate(new ListBooksQuery(category, null, null, null));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Category);
        }
    }

    [Fact]
    public void List_search_text_is_at_most_200_characters()
    {
        _list.TestValidate(new ListBooksQuery(null, new string('q', 200), null, null)).ShouldNotHaveAnyValidationErrors();
        _list.TestValidate(new ListBooksQuery(null, new string('q', 201), null, null))
            .ShouldHaveValidationErrorFor(c => c.Q).WithErrorMessage("q must be at most 200 characters.");
    }

    private static AddBookCommand Add(string? title = "Dune", string? description = "", string? category = "science", IUploadedFile? cover = null) =>
        new(title, description, category, null, cover ?? FakeUpload.Png());

    private static UpdateBookCommand Update(
        string? title = null, string? description = null, string? category = null, string? authorId = null, IUploadedFile? cover = null) =>
        new("000000000000000000000001", title, description, category, authorId, cover);
}

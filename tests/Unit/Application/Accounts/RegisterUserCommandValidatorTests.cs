using CleanAuth.Application.Accounts.RegisterUser;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class RegisterUserCommandValidatorTests
{
    private const string GoodName = "Alice";
    private const string GoodEmail = "alice@example.com";
    private const string GoodPassword = "vivid tundra marble quokka";

    private readonly RegisterUserCommandValidator _validator = new();

    [Fact]
    public void A_well_formed_request_is_valid()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, GoodPassword)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Reports_every_field_error_at_once()
    {
        var result = _validator.TestValidate(new RegisterUserCommand("   ", "alice", "1234567"));

        result.ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name is required.");
        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email is not a valid email address.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password must be at least 8 characters.");
        result.Errors.Should().HaveCount(3, "each field stops at its first failure");
    }

    [Fact]
    public void Refuses_a_name_that_is_one_letter_with_thousands_of_combining_marks()
    {
        var name = "a" + new string('\u0301', 3000);

        _validator.TestValidate(new RegisterUserCommand(name, GoodEmail, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name must be at most 100 characters.");
    }

    [Fact]
    public void A_name_of_100_letters_with_three_combining_marks_each_is_at_the_cap_and_one_more_mark_is_over()
    {
        // 100 text elements either way: only the cap in UTF-16 units (4 per allowed character) tells them apart.
        var atCap = string.Concat(Enumerable.Repeat("a\u0301\u0302\u0303", 100));

        _validator.TestValidate(new RegisterUserCommand(atCap, GoodEmail, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Name);
        _validator.TestValidate(new RegisterUserCommand(atCap + "\u0304", GoodEmail, GoodPassword)).ShouldHaveValidationErrorFor(c => c.Name);
    }

    // ---- email ----

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("  alice@example.com  ")]
    [InlineData("Alice.Liddell+books@mail.example.co.uk")]
    [InlineData("a@b.c")]
    public void Accepts_an_email_of_mailbox_shape(string email)
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, email, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@example")]
    [InlineData("alice@@example.com")]
    [InlineData("alice@bob@example.com")]
    [InlineData("alice smith@example.com")]
    [InlineData("alice@.example.com")]
    [InlineData("alice@example.com.")]
    [InlineData("alice@exa\u0007mple.com")]
    public void Refuses_an_email_that_is_not_of_mailbox_shape(string email)
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, email, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email is not a valid email address.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_a_missing_email(string email)
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, email, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email is required.");
    }

    [Fact]
    public void Accepts_an_email_of_254_characters_even_with_surrounding_whitespace()
    {
        var email = EmailOfLength(254);

        _validator.TestValidate(new RegisterUserCommand(GoodName, email, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Email);
        _validator.TestValidate(new RegisterUserCommand(GoodName, $"  {email}  ", GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public void Refuses_an_email_of_255_characters()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, EmailOfLength(255), GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email must be at most 254 characters.");
    }

    // ---- name ----

    [Theory]
    [InlineData("A")]
    [InlineData("Zoë Ŝmith-O'Brien")]
    [InlineData("  Alice  ")]
    public void Accepts_a_name(string name)
    {
        _validator.TestValidate(new RegisterUserCommand(name, GoodEmail, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Name);
    }

    [Fact]
    public void Accepts_a_name_of_100_characters_after_trimming()
    {
        _validator.TestValidate(new RegisterUserCommand(new string('n', 100), GoodEmail, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Name);
        _validator.TestValidate(new RegisterUserCommand($"   {new string('n', 100)}   ", GoodEmail, GoodPassword)).ShouldNotHaveValidationErrorFor(c => c.Name);
    }

    [Fact]
    public void Refuses_a_name_of_101_characters()
    {
        _validator.TestValidate(new RegisterUserCommand(new string('n', 101), GoodEmail, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name must be at most 100 characters.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("\t\n")]
    public void Refuses_a_blank_name(string name)
    {
        _validator.TestValidate(new RegisterUserCommand(name, GoodEmail, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name is required.");
    }

    [Theory]
    [InlineData("Bob\u0000")]
    [InlineData("Bob\nSmith")]
    [InlineData("Bob\u001b[31mRed")]
    [InlineData("Bob\u007f")]
    public void Refuses_a_name_with_control_characters(string name)
    {
        _validator.TestValidate(new RegisterUserCommand(name, GoodEmail, GoodPassword))
            .ShouldHaveValidationErrorFor(c => c.Name).WithErrorMessage("Name must not contain invisible, control or bidirectional-control characters.");
    }

    // ---- password ----

    [Fact]
    public void Accepts_a_password_of_8_and_of_128_characters()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, "q7#vLm2z")).ShouldNotHaveValidationErrorFor(c => c.Password);
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, RandomishOfLength(128))).ShouldNotHaveValidationErrorFor(c => c.Password);
    }

    [Fact]
    public void Refuses_a_password_of_7_characters()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, "q7#vLm2"))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password must be at least 8 characters.");
    }

    [Fact]
    public void Refuses_a_password_of_129_characters()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, RandomishOfLength(129)))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password must be at most 128 characters.");
    }

    [Fact]
    public void Refuses_a_missing_password()
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, ""))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is required.");
    }

    // The list (common-passwords.txt) holds "password", "PASSWORD", "Password", "password1", "football",
    // "qwertyuiop", "12345678": the comparison ignores case, so spellings not in the file are refused too.
    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("PassWord")]
    [InlineData("Password1")]
    [InlineData("PASSWORD1")]
    [InlineData("FootBall")]
    [InlineData("qwertyuiop")]
    [InlineData("12345678")]
    public void Refuses_a_common_password_whatever_its_case(string password)
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, password))
            .ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("Password is too common; choose another.");
    }

    [Theory]
    [InlineData("correcthorsebatterystaple")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("lowercase only words here")]
    [InlineData("ALLUPPERCASEBUTLONG")]
    [InlineData("k3P$u8!zQw^7rT0m@X2v#L9e&N4b*Y6c")]
    [InlineData("Смотри, какой длинный пароль 🐢🐢")]
    public void Has_no_composition_rules_so_a_long_uncommon_passphrase_is_accepted(string password)
    {
        _validator.TestValidate(new RegisterUserCommand(GoodName, GoodEmail, password)).ShouldNotHaveValidationErrorFor(c => c.Password);
    }

    private static string EmailOfLength(int length)
    {
        const string domain = "@example.com";
        return new string('a', length - domain.Length) + domain;
    }

    private static string RandomishOfLength(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(i => "k3P$u8!zQw^7rT0m"[i % 16]));
}

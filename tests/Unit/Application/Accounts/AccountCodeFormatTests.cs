using System.Text.RegularExpressions;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed partial class AccountCodeFormatTests
{
    private const string Pattern = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}";

    private static readonly UserId Alice = UserId.From("000000000000000000000abc");

    /// <summary>The code a rendered email carries (its plain-text body).</summary>
    public static string CodeIn(EmailMessage mail) => CodePattern().Match(mail.TextBody).Value;

    [Fact]
    public void A_new_code_is_three_groups_of_four_crockford_characters_and_codes_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => AccountCodeFormat.NewCode()).ToList();

        codes.Should().AllSatisfy(c => c.Should().MatchRegex($"^{Pattern}$"));
        codes.Should().OnlyHaveUniqueItems();
        string.Concat(codes).Should().NotContainAny("I", "L", "O", "U");
    }

    [Theory]
    [InlineData("7kq2-m9xd-4htw")]
    [InlineData("7KQ2M9XD4HTW")]
    [InlineData(" 7KQ2 M9XD 4HTW ")]
    public void A_typed_code_matches_in_any_case_with_or_without_separators(string typed)
    {
        AccountCodeFormat.Hash(Alice, AccountCodePurpose.PasswordReset, typed)
            .Should().Be(AccountCodeFormat.Hash(Alice, AccountCodePurpose.PasswordReset, "7KQ2-M9XD-4HTW"));
    }

    [Fact]
    public void Look_alike_letters_read_as_the_digits()
    {
        AccountCodeFormat.Normalize("iLo0-1").Should().Be("11001");
    }

    [Fact]
    public void The_hash_binds_the_user_and_the_purpose()
    {
        var hash = AccountCodeFormat.Hash(Alice, AccountCodePurpose.PasswordReset, "7KQ2-M9XD-4HTW");

        AccountCodeFormat.Hash(UserId.From("000000000000000000000abd"), AccountCodePurpose.PasswordReset, "7KQ2-M9XD-4HTW").Should().NotBe(hash);
        AccountCodeFormat.Hash(Alice, AccountCodePurpose.EmailConfirmation, "7KQ2-M9XD-4HTW").Should().NotBe(hash);
        hash.Should().MatchRegex("^[0-9A-F]{64}$");
    }

    [Fact]
    public void The_email_escapes_the_name_in_html_and_the_link_parts_in_the_url()
    {
        var links = new EmailLinkOptions { ResetUrl = "https://app.example/reset?e={email}&c={code}" };
        var user = TestUsers.Confirmed(TestUsers.New(name: "<b>Eve</b> & Co", email: "eve+x@example.com"));

        var mail = new AccountEmails(Options.Create(links)).Render(user, AccountCodePurpose.PasswordReset, "7KQ2-M9XD-4HTW", TimeSpan.FromMinutes(15));

        mail.HtmlBody.Should().Contain("Hello &lt;b&gt;Eve&lt;/b&gt; &amp; Co,").And.NotContain("<b>Eve");
        mail.TextBody.Should().Contain("https://app.example/reset?e=eve%2Bx%40example.com&c=7KQ2-M9XD-4HTW")
            .And.Contain("7KQ2-M9XD-4HTW").And.Contain("15 minutes");
        mail.HtmlBody.Should().Contain("href=\"https://app.example/reset?e=eve%2Bx%40example.com&amp;c=7KQ2-M9XD-4HTW\"");
        mail.ToString().Should().NotContain("7KQ2");
        mail.Subject.Should().Be("Reset your password");
    }

    [GeneratedRegex(Pattern)]
    private static partial Regex CodePattern();
}

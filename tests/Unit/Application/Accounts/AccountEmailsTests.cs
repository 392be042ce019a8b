using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>The words of the two emails: each kind its own subject, sentences, link template and lifetime; a name only once the address is confirmed.</summary>
public sealed class AccountEmailsTests
{
    private const string Code = "7KQ2-M9XD-4HTW";

    private readonly AccountEmails _emails = new(Options.Create(new EmailLinkOptions
    {
        ConfirmUrl = "https://app.example/confirm?e={email}&c={code}",
        ResetUrl = "https://app.example/reset?e={email}&c={code}",
    }));

    private EmailMessage Render(AccountCodePurpose purpose, TimeSpan lifetime, bool confirmed = true)
    {
        var user = TestUsers.New(name: "Ann <b>Lee</b>", email: "ann+x@example.com");
        return _emails.Render(confirmed ? TestUsers.Confirmed(user) : user, purpose, Code, lifetime);
    }

    [Fact]
    public void A_confirmation_mail_asks_to_confirm_and_links_to_the_confirm_template()
    {
        var mail = Render(AccountCodePurpose.EmailConfirmation, TimeSpan.FromHours(24));

        mail.Kind.Should().Be(AccountEmails.ConfirmationKind);
        mail.ToAddress.Should().Be("ann+x@example.com");
        mail.ToName.Should().Be("Ann <b>Lee</b>");
        mail.Subject.Should().Be("Confirm your email address");
        mail.TextBody.Should().Be("""
            Hello Ann <b>Lee</b>,

            Please confirm that this address is yours.
            Your code is: 7KQ2-M9XD-4HTW
            It works once and expires in 24 hours.

            Or open this link to confirm your address:
            https://app.example/confirm?e=ann%2Bx%40example.com&c=7KQ2-M9XD-4HTW

            If you did not create an account, ignore this email; nothing happens without the code.
            """);
        mail.HtmlBody.Should().Contain("<p>Hello Ann &lt;b&gt;Lee&lt;/b&gt;,</p>")
            .And.Contain("<a href=\"https://app.example/confirm?e=ann%2Bx%40example.com&amp;c=7KQ2-M9XD-4HTW\">Open this link to confirm your address</a>")
            .And.Contain("<p>If you did not create an account, ignore this email; nothing happens without the code.</p>");
        mail.ToString().Should().Be("EmailMessage { Kind = EmailConfirmation }", "printing the mail must not print its code");
    }

    [Fact]
    public void A_reset_mail_asks_to_choose_a_password_and_links_to_the_reset_template()
    {
        var mail = Render(AccountCodePurpose.PasswordReset, TimeSpan.FromMinutes(15));

        mail.Kind.Should().Be(AccountEmails.ResetKind);
        mail.Subject.Should().Be("Reset your password");
        mail.TextBody.Should().Be("""
            Hello Ann <b>Lee</b>,

            Someone (hopefully you) asked to reset the password of your account.
            Your code is: 7KQ2-M9XD-4HTW
            It works once and expires in 15 minutes.

            Or open this link to choose a new password:
            https://app.example/reset?e=ann%2Bx%40example.com&c=7KQ2-M9XD-4HTW

            If it was not you, ignore this email: your password stays as it is.
            """);
        mail.HtmlBody.Should().Contain("<p>Someone (hopefully you) asked to reset the password of your account.</p>")
            .And.Contain(">Open this link to choose a new password</a>");
    }

    [Theory]
    [InlineData(AccountCodePurpose.EmailConfirmation)]
    [InlineData(AccountCodePurpose.PasswordReset)]
    public void Until_the_address_is_confirmed_the_mail_names_no_one(AccountCodePurpose purpose)
    {
        var mail = Render(purpose, TimeSpan.FromMinutes(15), confirmed: false);

        mail.ToName.Should().BeEmpty("the name was chosen by whoever registered the address, not by the mailbox's owner");
        mail.TextBody.Should().StartWith("Hello,\n\n").And.NotContain("Ann").And.NotContain("Lee");
        mail.HtmlBody.Should().Contain("<p>Hello,</p>").And.NotContain("Ann").And.NotContain("Lee");
    }

    [Theory]
    [InlineData(3600, "1 hour")]
    [InlineData(7200, "2 hours")]
    [InlineData(5400, "90 minutes")]
    [InlineData(1800, "30 minutes")]
    [InlineData(60, "1 minute")]
    [InlineData(30, "1 minute")]
    public void The_lifetime_is_said_in_whole_hours_or_else_in_minutes_rounded_up(int seconds, string said)
    {
        Render(AccountCodePurpose.PasswordReset, TimeSpan.FromSeconds(seconds)).TextBody
            .Should().Contain($"It works once and expires in {said}.\n");
    }

    [Fact]
    public void The_erasure_mail_greets_the_confirmed_owner_by_name_and_says_what_was_erased()
    {
        var mail = AccountEmails.Erased(TestUsers.Confirmed(TestUsers.New(name: "Ann <b>Lee</b>", email: "ann+x@example.com")));

        (mail.Kind, mail.ToAddress, mail.ToName, mail.Subject).Should().Be(
            (AccountEmails.ErasedKind, "ann+x@example.com", "Ann <b>Lee</b>", "Your account has been erased"));
        mail.TextBody.Should().Be("""
            Hello Ann <b>Lee</b>,

            The account registered with this address has been erased, with everything it held: its library, its sessions and its settings. The address can be used to register again.

            If you did not ask for this, an administrator of the service did; contact them.
            """);
        mail.HtmlBody.Should().Be("""
            <!DOCTYPE html>
            <html><body>
            <p>Hello Ann &lt;b&gt;Lee&lt;/b&gt;,</p>
            <p>The account registered with this address has been erased, with everything it held: its library, its sessions and its settings. The address can be used to register again.</p>
            <p>If you did not ask for this, an administrator of the service did; contact them.</p>
            </body></html>
            """);
    }

    [Fact]
    public void The_erasure_mail_to_an_address_never_confirmed_names_no_one()
    {
        var mail = AccountEmails.Erased(TestUsers.New(name: "Ann Lee", email: "ann@example.com"));

        mail.ToName.Should().BeEmpty();
        mail.TextBody.Should().StartWith("Hello,\n\nThe account registered").And.NotContain("Ann");
        mail.HtmlBody.Should().Contain("<p>Hello,</p>").And.NotContain("Ann");
    }
}

using System.ComponentModel.DataAnnotations;
using CleanAuth.Infrastructure.Email;

namespace CleanAuth.Tests.Unit.Infrastructure.Email;

public sealed class EmailDeliveryOptionsTests
{
    private static List<string> Errors(EmailDeliveryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    [Fact]
    public void The_defaults_are_valid_and_send_to_the_pickup_folder()
    {
        var options = new EmailDeliveryOptions();

        Errors(options).Should().BeEmpty();
        options.Smtp.IsConfigured.Should().BeFalse();
    }

    [Theory]
    [InlineData("not an address", "Email:From is not an email address")]
    [InlineData("noreply", "Email:From is not an email address")]
    [InlineData("CleanAuth <noreply>", "Email:From is not an email address")]
    [InlineData("", "Email:From is required.")]
    public void A_bad_sender_is_named(string from, string message)
    {
        Errors(new EmailDeliveryOptions { From = from }).Should().ContainSingle().Which.Should().StartWith(message);
    }

    [Fact]
    public void Nested_SMTP_settings_are_checked_and_the_password_is_never_repeated()
    {
        var options = new EmailDeliveryOptions { Smtp = { Host = "smtp.example.com", Port = 0, UserName = "mailer", Password = "hunter2", Security = (SmtpSecurity)7 } };

        var errors = Errors(options);

        errors.Should().BeEquivalentTo("Email:Smtp:Port must be between 1 and 65535.", "Email:Smtp:Security must be None, StartTls or Tls.");
        errors.Should().NotContain(e => e.Contains("hunter2"));
    }

    [Fact]
    public void The_claim_lease_must_outlast_a_send_and_the_cap_must_not_be_below_the_base()
    {
        var options = new EmailDeliveryOptions
        {
            ClaimLease = TimeSpan.FromSeconds(30),
            Smtp = { Timeout = TimeSpan.FromSeconds(30) },
            RetryBaseDelay = TimeSpan.FromMinutes(1),
            RetryMaxDelay = TimeSpan.FromSeconds(30),
        };

        Errors(options).Should().BeEquivalentTo(
            "Email:ClaimLease must be long enough for a send (three quarters of it) to take two Email:Smtp:Timeout.", "Email:RetryMaxDelay must not be shorter than Email:RetryBaseDelay.");
    }

    [Theory]
    [InlineData("smtp.example.com", SmtpSecurity.None, true)]
    [InlineData("smtp.example.com", SmtpSecurity.StartTls, false)]
    [InlineData("smtp.example.com", SmtpSecurity.Tls, false)]
    [InlineData("localhost", SmtpSecurity.None, false)]
    [InlineData("127.0.0.1", SmtpSecurity.None, false)]
    [InlineData("::1", SmtpSecurity.None, false)]
    public void Credentials_over_a_plain_connection_are_refused_unless_the_server_is_on_loopback(string host, SmtpSecurity security, bool refused)
    {
        var errors = Errors(new EmailDeliveryOptions { Smtp = { Host = host, Security = security, UserName = "mailer", Password = "hunter2" } });

        if (refused)
        {
            errors.Should().ContainSingle().Which.Should().Be("Email:Smtp:UserName needs Email:Smtp:Security StartTls or Tls unless the host is on loopback.");
        }
        else
        {
            errors.Should().BeEmpty();
        }
    }

    [Fact]
    public void A_password_without_a_user_name_is_refused_rather_than_ignored()
    {
        Errors(new EmailDeliveryOptions { Smtp = { Host = "smtp.example.com", Password = "hunter2" } })
            .Should().ContainSingle().Which.Should().Be("Email:Smtp:Password is set without Email:Smtp:UserName.");
    }
}

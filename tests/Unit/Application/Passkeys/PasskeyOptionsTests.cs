using System.ComponentModel.DataAnnotations;
using CleanAuth.Application.Passkeys.Common;

namespace CleanAuth.Tests.Unit.Application.Passkeys;

/// <summary>The <c>Passkeys</c> settings (ADR 0058): refused at start when WebAuthn would refuse every ceremony.</summary>
public sealed class PasskeyOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_the_site_itself_is_the_origin_when_none_is_set()
    {
        var options = new PasskeyOptions { ServerDomain = "books.example.com" };

        Errors(options).Should().BeEmpty();
        options.AllowedOrigins.Should().Equal("https://books.example.com");
        options.Origins.Add("https://app.books.example.com");
        options.AllowedOrigins.Should().Equal("https://app.books.example.com");
    }

    [Theory]
    [InlineData("https://books.example.com")]
    [InlineData("https://app.books.example.com")]
    [InlineData("http://books.example.com:8080")]
    [InlineData("android:apk-key-hash:abc")]
    public void An_origin_of_the_domain_or_a_subdomain_or_an_android_app_is_accepted(string origin) =>
        Errors(new PasskeyOptions { ServerDomain = "books.example.com", Origins = [origin] }).Should().BeEmpty();

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://notbooks.example.com")] // ends with the domain, but is not a subdomain
    [InlineData("https://books.example.com.evil")]
    [InlineData("ftp://books.example.com")]
    [InlineData("https://books.example.com/")]
    [InlineData("https://books.example.com/path")]
    [InlineData("https://books.example.com//")]
    [InlineData("https://books.example.com?q")]
    [InlineData("books.example.com")]
    [InlineData("android:apk-key-hash:")]
    [InlineData("ios:apk-key-hash:abc")]
    [InlineData("https://example.com")] // the parent domain
    public void Any_other_origin_is_refused_with_the_settings_name(string origin)
    {
        var errors = Errors(new PasskeyOptions { ServerDomain = "books.example.com", Origins = ["https://books.example.com", origin] });

        errors.Should().Equal(
            "Each of Passkeys:Origins must be an http(s) origin (no path) whose host is Passkeys:ServerDomain or a subdomain of it, or an android:apk-key-hash: origin.");
    }

    [Fact]
    public void Several_wrong_origins_are_one_error()
    {
        Errors(new PasskeyOptions { ServerDomain = "books.example.com", Origins = ["wrong", "https://books.example.com", "also wrong"] })
            .Should().ContainSingle().Which.Should().StartWith("Each of Passkeys:Origins must be");
    }

    [Fact]
    public void A_subdomain_is_a_dot_and_the_domain_not_any_name_ending_in_it()
    {
        Errors(new PasskeyOptions { ServerDomain = "example.com", Origins = ["https://books.example.com"] }).Should().BeEmpty();
        Errors(new PasskeyOptions { ServerDomain = "example.com", Origins = ["https://notexample.com"] }).Should().ContainSingle();
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("a-b.example.com", true)]
    [InlineData("Books.example.com", false)]
    [InlineData("https://books.example.com", false)]
    [InlineData("books.example.com:443", false)]
    [InlineData("-books.example.com", false)]
    [InlineData("", false)]
    public void The_domain_is_a_lower_case_domain_name(string domain, bool valid) =>
        Errors(new PasskeyOptions { ServerDomain = domain }).Should().HaveCount(valid ? 0 : 1);

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void A_ceremony_lives_between_30_seconds_and_5_minutes(int seconds, bool valid) =>
        Errors(new PasskeyOptions { CeremonyLifetime = TimeSpan.FromSeconds(seconds) }).Should().HaveCount(valid ? 0 : 1);

    [Fact]
    public void The_name_is_required_and_at_most_64_characters()
    {
        Errors(new PasskeyOptions { ServerName = new string('n', 64) }).Should().BeEmpty();
        Errors(new PasskeyOptions { ServerName = new string('n', 65) }).Should().Equal("Passkeys:ServerName must be at most 64 characters.");
        Errors(new PasskeyOptions { ServerName = "" }).Should().Equal("Passkeys:ServerName is required.");
    }

    private static List<string> Errors(PasskeyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true); // Validate() too, once the attributes hold
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}

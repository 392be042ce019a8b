using System.Security.Cryptography;
using System.Text;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

public sealed class HmacAddressTaggerTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private static HmacAddressTagger Tagger(string key)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(Environments.Production);
        return new HmacAddressTagger(JwtSigningKey.Resolve(key, environment, Path.GetTempPath(), NullLogger.Instance));
    }

    [Fact]
    public void The_tag_is_48_bits_of_hex_and_the_same_for_the_same_address_and_key_on_every_instance()
    {
        var tag = Tagger(KeyA).Tag("Someone@Example.com");

        tag.Should().MatchRegex("^[0-9A-F]{12}$");
        Tagger(KeyA).Tag(" someone@example.COM ").Should().Be(tag, "another instance with the same key, the same normalized address");
        Tagger(KeyA).Tag("someone-else@example.com").Should().NotBe(tag);
    }

    [Fact]
    public void Without_the_server_key_a_guessed_address_cannot_be_checked_against_a_tag()
    {
        const string Address = "someone@example.com";
        var unkeyed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Address)))[..12];

        Tagger(KeyA).Tag(Address).Should().NotBe(unkeyed, "the old unsalted tag could be recomputed by anyone");
        Tagger(KeyB).Tag(Address).Should().NotBe(Tagger(KeyA).Tag(Address), "the tag depends on the server's key");
    }
}

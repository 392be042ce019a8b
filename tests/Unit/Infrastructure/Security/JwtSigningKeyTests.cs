using System.Security.Cryptography;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Infrastructure.Security;

public sealed class JwtSigningKeyTests : IDisposable
{
    private const string DevelopmentKeyFile = "jwt-signing-key.dev";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_configured_key_of_32_bytes_is_used_as_is()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);

        var key = JwtSigningKey.Resolve(Convert.ToBase64String(bytes), Environment(Environments.Production), _data.Path, NullLogger.Instance);

        key.Key.Key.Should().Equal(bytes);
        Directory.Exists(_data.Path).Should().BeFalse("a configured key needs no file");
    }

    [Fact]
    public void A_configured_key_wins_over_the_development_key_file_in_Development()
    {
        var bytes = RandomNumberGenerator.GetBytes(48);

        var key = JwtSigningKey.Resolve(Convert.ToBase64String(bytes), Environment(Environments.Development), _data.Path, NullLogger.Instance);

        key.Key.Key.Should().Equal(bytes);
        File.Exists(System.IO.Path.Combine(_data.Path, DevelopmentKeyFile)).Should().BeFalse();
    }

    [Fact]
    public void A_configured_key_shorter_than_32_bytes_stops_the_start_without_echoing_the_key()
    {
        var configured = Convert.ToBase64String(RandomNumberGenerator.GetBytes(31));

        var act = () => JwtSigningKey.Resolve(configured, Environment(Environments.Development), _data.Path, NullLogger.Instance);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*Jwt:SigningKey*31 bytes*32*")
            .Which.Message.Should().NotContain(configured);
    }

    [Theory]
    [InlineData("this is not base64!")]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")]
    public void A_configured_key_that_is_not_base64_stops_the_start_without_echoing_the_key(string configured)
    {
        var act = () => JwtSigningKey.Resolve(configured, Environment(Environments.Production), _data.Path, NullLogger.Instance);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*Jwt:SigningKey*not valid base64*")
            .Which.Message.Should().NotContain(configured);
    }

    [Theory]
    [InlineData(null, "Production")]
    [InlineData("", "Production")]
    [InlineData("   ", "Staging")]
    public void A_missing_key_outside_Development_stops_the_start(string? configured, string environmentName)
    {
        // A development key lying around must not be picked up, nor shown, outside Development.
        Directory.CreateDirectory(_data.Path);
        var devKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        File.WriteAllText(System.IO.Path.Combine(_data.Path, DevelopmentKeyFile), devKey);

        var act = () => JwtSigningKey.Resolve(configured, Environment(environmentName), _data.Path, NullLogger.Instance);

        var message = act.Should().Throw<InvalidOperationException>().Which.Message;
        message.Should().Contain("Jwt:SigningKey");
        message.Should().NotContain(devKey);
    }

    [Fact]
    public void A_missing_key_outside_Development_creates_no_key_file()
    {
        var act = () => JwtSigningKey.Resolve(null, Environment(Environments.Production), _data.Path, NullLogger.Instance);

        act.Should().Throw<InvalidOperationException>();
        Directory.Exists(_data.Path).Should().BeFalse();
    }

    [Fact]
    public void A_missing_key_in_Development_generates_a_key_file_in_the_data_folder_and_reuses_it()
    {
        var logger = new CapturingLogger<JwtSigningKey>();

        var first = JwtSigningKey.Resolve(null, Environment(Environments.Development), _data.Path, logger);
        var second = JwtSigningKey.Resolve(null, Environment(Environments.Development), _data.Path, logger);

        var path = System.IO.Path.Combine(_data.Path, DevelopmentKeyFile);
        File.Exists(path).Should().BeTrue();
        first.Key.Key.Length.Should().BeGreaterThanOrEqualTo(JwtSigningKey.MinimumBytes);
        first.Key.Key.Should().Equal(Convert.FromBase64String(File.ReadAllText(path)));
        second.Key.Key.Should().Equal(first.Key.Key, "a restart must not invalidate every token");
        logger.Entries.Should().HaveCount(2).And.OnlyContain(e => e.Level == LogLevel.Warning);
        logger.Entries[0].Message.Should().Contain(path).And.NotContain(File.ReadAllText(path));
    }

    [Fact]
    public void The_generated_development_key_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        JwtSigningKey.Resolve(null, Environment(Environments.Development), _data.Path, NullLogger.Instance);

        File.GetUnixFileMode(System.IO.Path.Combine(_data.Path, DevelopmentKeyFile))
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Two_development_data_folders_get_different_keys()
    {
        using var other = new TempDirectory();

        var first = JwtSigningKey.Resolve(null, Environment(Environments.Development), _data.Path, NullLogger.Instance);
        var second = JwtSigningKey.Resolve(null, Environment(Environments.Development), other.Path, NullLogger.Instance);

        second.Key.Key.Should().NotEqual(first.Key.Key);
    }

    private static IHostEnvironment Environment(string name)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(name);
        return environment;
    }
}

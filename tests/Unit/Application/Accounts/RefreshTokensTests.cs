using CleanAuth.Application.Accounts.Common;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class RefreshTokensTests
{
    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-_", true)]
    [InlineData("0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-_A", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO+/", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO\u00e9_", false)]
    [InlineData(null, false)]
    public void Only_43_base64url_characters_can_be_one_of_our_tokens(string? presented, bool couldBeOurs)
    {
        // A value that cannot be one of ours is refused without a lookup: it has no stored form.
        var hash = RefreshTokens.HashOf(presented);

        if (couldBeOurs)
        {
            hash.Should().MatchRegex("^[0-9A-F]{64}$").And.NotContain(presented!);
        }
        else
        {
            hash.Should().BeNull();
        }
    }
}

using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CleanAuth.Tests.Unit.WebApi.Infrastructure;

/// <summary>The request's user agent is capped once, where it enters: every session and activity entry keeps it as given.</summary>
public sealed class HttpClientContextTests
{
    [Fact]
    public void A_long_user_agent_is_cut_to_256_characters_and_never_through_a_surrogate_pair()
    {
        Agent(new string('a', 256) + "b").Should().Be(new string('a', 256));
        Agent(new string('a', 255) + "\U0001F600" + new string('b', 10)).Should().Be(new string('a', 255), "256 characters at most, and never half of a surrogate pair");
        Agent(new string('a', 254) + "\U0001F600").Should().Be(new string('a', 254) + "\U0001F600", "a pair that ends at 256 is whole");
        var unpaired = new string('a', 255) + '\uD83D'; // built at run time, as in UnicodeTextTests
        Agent(unpaired).Should().Be(unpaired, "one of 256 characters is kept as given, whatever it ends with");
    }

    [Fact]
    public void A_missing_or_empty_user_agent_is_none()
    {
        Agent(null).Should().BeNull();
        Agent("").Should().BeNull();
        Agent("Mozilla/5.0 (test)").Should().Be("Mozilla/5.0 (test)");
    }

    private static string? Agent(string? header)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.UserAgent = header;
        }

        return new HttpClientContext(new HttpContextAccessor { HttpContext = context }).UserAgent;
    }
}

using System.Net;
using System.Text;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Refusals that say what to change: a 415 names what the route accepts, and a query parameter that does not bind
/// is named as a field, with the words its validator uses for the same rule.
/// </summary>
public sealed class ErrorsThatTeachTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CleanAuthApi _api = fixture.Api;

    [Theory]
    [InlineData("POST", "/api/auth/register", "This endpoint accepts a body of type application/json;")]
    [InlineData("PUT", "/api/users/me", "This endpoint accepts a body of type application/json;")]
    [InlineData("POST", "/api/auth/login", "application/json or application/x-www-form-urlencoded or multipart/form-data")]
    [InlineData("POST", "/api/books", "This endpoint accepts a body of type multipart/form-data")]
    [InlineData("PUT", "/api/books/0123456789abcdef01234567", "This endpoint accepts a body of type multipart/form-data")]
    public async Task A_wrong_content_type_is_a_415_naming_what_the_route_accepts(string method, string path, string names)
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("title=x", Encoding.UTF8, "text/plain") };

        // Routing answers these before any endpoint runs; the detail still names the route's own content types.
        var problem = await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        problem.GetProperty("detail").GetString().Should().Contain(names).And.NotContain("text/plain", "what the client sent is not repeated");
    }

    [Theory]
    [InlineData("?page=abc", "page", "page must be a whole number.")]
    [InlineData("?pageSize=lots", "pageSize", "pageSize must be a whole number.")]
    [InlineData("?page=99999999999", "page", "page must be a whole number.")]
    [InlineData("?page=0", "page", "page must be between 1 and 1000000.")]
    [InlineData("?pageSize=101", "pageSize", "pageSize must be between 1 and 100.")]
    public async Task A_query_parameter_that_does_not_bind_is_named_like_one_that_breaks_a_rule(string query, string field, string message)
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);

        var problem = await (await client.GetAsync("/api/books" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("title").GetString().Should().Be("One or more fields are invalid.");
        problem.ErrorFields().Should().Equal(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Be(message);
        problem.GetRawText().Should().NotContain("body");
    }

    [Fact]
    public async Task The_admin_list_words_its_paging_rules_as_the_book_list_does()
    {
        // The request is read and validated before the role is checked (ADR 0001's pipeline order), so any user sees this.
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);

        var unbound = await (await client.GetAsync("/api/admin/users?page=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var outOfRange = await (await client.GetAsync("/api/admin/users?page=0&pageSize=101")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        unbound.GetProperty("errors").GetProperty("page")[0].GetString().Should().Be("page must be a whole number.");
        outOfRange.GetProperty("errors").GetProperty("page")[0].GetString().Should().Be("page must be between 1 and 1000000.");
        outOfRange.GetProperty("errors").GetProperty("pageSize")[0].GetString().Should().Be("pageSize must be between 1 and 100.");
    }
}

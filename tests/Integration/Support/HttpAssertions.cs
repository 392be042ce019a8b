using System.Net;
using System.Text.Json;

namespace CleanAuth.Tests.Integration.Support;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the given status and a trace id, and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        problem.TryGetProperty("traceId", out _).Should().BeTrue("every problem carries a trace id: " + body);
        body.Should().NotContainAny("Exception", "   at ", "StackTrace", "System.");
        return problem;
    }

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
}

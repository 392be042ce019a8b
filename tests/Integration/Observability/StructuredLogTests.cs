using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;
using CleanAuth.WebApi.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Integration.Observability;

/// <summary>The CLEF lines the API writes, read back exactly as the console sink formats them.</summary>
public sealed class StructuredLogTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private static readonly string[] RequestEventFields =
    [
        "@t", "@mt", "@l", "@i", "EventName", "TraceId", "SpanId", "RequestId", "UserId", "ClientIp", "RequestName", "Route",
        "UseCase", "Outcome", "RequestMethod", "RequestPath", "StatusCode", "ElapsedMs", "Application", "Environment", "MachineName",
    ];

    private readonly CleanAuthApi _api = fixture.Api;

    [Fact]
    public void The_host_hands_out_one_logger_per_category()
    {
        // ASP.NET Core asks for a logger on every request (ADR 0063): the host's factory must be the caching one.
        var factory = _api.Services.GetRequiredService<ILoggerFactory>();

        factory.Should().BeOfType<CategoryLoggerCache>();
        factory.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult")
            .Should().BeSameAs(factory.CreateLogger("Microsoft.AspNetCore.Http.Result.OkObjectResult"));
    }

    [Fact]
    public async Task A_request_event_has_the_documented_shape_and_names_the_caller()
    {
        var user = await _api.SignUpAsync();
        using var client = _api.CreateClient(user.AccessToken);

        var response = await client.GetAsync("/api/users/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var logEvent = await _api.Logs.WaitForAsync(e => e.IsRequestEvent("/api/users/me") && e.Str("UserId") == user.Id);
        logEvent.EnumerateObject().Select(p => p.Name).Should().Contain(RequestEventFields);
        logEvent.Str("@l").Should().Be("Information");
        logEvent.Str("EventName").Should().Be("HttpRequestCompleted");
        logEvent.Str("RequestName").Should().Be("GetCurrentUser");
        logEvent.Str("Route").Should().Be("/api/users/me/");
        logEvent.Int("StatusCode").Should().Be(200);
        logEvent.GetProperty("ElapsedMs").GetDouble().Should().BeGreaterThan(0);
        logEvent.Str("TraceId").Should().MatchRegex("^[0-9a-f]{32}$");
        logEvent.Str("SpanId").Should().MatchRegex("^[0-9a-f]{16}$");
        logEvent.Str("Application").Should().Be("CleanAuth");
        logEvent.Str("Environment").Should().Be("Testing");
        logEvent.Str("MachineName").Should().Be(Environment.MachineName);
        logEvent.Str("RequestId").Should().NotBeNullOrEmpty();
        logEvent.Str("UseCase").Should().Be("GetCurrentUserQuery");
        logEvent.Str("Outcome").Should().Be("Succeeded");

        // One line per successful request (ADR 0037): the use case's own line is Debug. The request event is
        // written last, so every other event of the request has been captured by now.
        _api.Logs.Events.Where(e => e.Str("TraceId") == logEvent.Str("TraceId")).Should().ContainSingle();
    }

    [Fact]
    public async Task The_events_a_request_writes_carry_its_ids_and_its_request_event_names_the_use_case_and_outcome()
    {
        var user = await _api.SignUpAsync();
        using var client = _api.CreateClient(user.AccessToken);

        var response = await client.GetAsync("/api/books/" + new string('a', 24));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var request = await _api.Logs.WaitForAsync(e => e.IsRequestEvent("/api/books/" + new string('a', 24)) && e.Str("UserId") == user.Id);
        request.Str("UseCase").Should().Be("GetBookQuery");
        request.Str("Outcome").Should().Be("NotFoundException");
        var rejected = _api.Logs.Events.Should().ContainSingle(e => e.Int("@i") == 1001 && e.Str("TraceId") == request.Str("TraceId")).Subject;
        rejected.Str("RequestId").Should().Be(request.Str("RequestId"));
        rejected.Str("RequestName").Should().Be("GetBookQuery");
        rejected.Str("Outcome").Should().Be("NotFoundException");
        rejected.Str("UserId").Should().Be(user.Id);
        rejected.Str("Route").Should().Be("/api/books/{id}");
    }

    [Theory]
    [InlineData("wrong password", 401, "Warning")]
    [InlineData("invalid body", 400, "Information")]
    [InlineData("unknown route", 404, "Information")]
    [InlineData("success", 200, "Information")]
    public async Task Request_levels_follow_the_status(string what, int status, string level)
    {
        var user = await _api.SignUpAsync();
        var (client, traceId) = Traced(_api.CreateClient());
        using var disposeClient = client;
        var response = what switch
        {
            "wrong password" => await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "not " + user.Password }),
            "invalid body" => await client.PostAsJsonAsync("/api/auth/login", new { email = "", password = "" }),
            "unknown route" => await client.GetAsync("/api/" + Guid.NewGuid().ToString("N")),
            _ => await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }),
        };

        ((int)response.StatusCode).Should().Be(status);
        var logEvent = await _api.Logs.WaitForAsync(e => e.Int("@i") == 3100 && e.Str("TraceId") == traceId);
        logEvent.Str("@l").Should().Be(level);
        logEvent.Int("StatusCode").Should().Be(status);
    }

    [Fact]
    public async Task A_failed_login_writes_a_LoginFailed_event_with_the_client_address_and_no_email_or_password()
    {
        var user = await _api.SignUpAsync();
        var (client, traceId) = Traced(_api.CreateClient());
        using var disposeClient = client;

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-" + user.Password });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var failed = await _api.Logs.WaitForAsync(e => e.Str("EventName") == "LoginFailed" && e.Str("TraceId") == traceId);
        failed.Int("@i").Should().Be(4001);
        failed.Str("@l").Should().Be("Warning");
        failed.Str("Reason").Should().Be("WrongPassword");
        failed.Str("UserId").Should().Be(user.Id);
        failed.TryGetProperty("ClientIp", out _).Should().BeTrue("the in-memory test server has no client address; the two-process test checks its value");
        failed.Str("RequestId").Should().NotBeNullOrEmpty();
        var request = await _api.Logs.WaitForAsync(e => e.Int("@i") == 3100 && e.Str("TraceId") == traceId);
        request.Str("RequestName").Should().Be("Login", "the endpoint is known even though the exception handler answered");
        request.Str("Route").Should().Be("/api/auth/login");
        failed.GetRawText().Should().NotContain(user.Email).And.NotContain(user.Password);
    }

    [Fact]
    public async Task The_Authorization_header_and_cookies_never_reach_the_request_logs()
    {
        var user = await _api.SignUpAsync();
        using var client = _api.CreateClient(user.AccessToken);
        var cookie = "session-" + Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("Cookie", "sid=" + cookie);

        var response = await client.GetAsync("/api/users/me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await _api.Logs.WaitForAsync(e => e.IsRequestEvent("/api/users/me") && e.Str("UserId") == user.Id);
        _api.Logs.Text.Should().NotContain(user.AccessToken.Split('.')[2]).And.NotContain(cookie);
    }

    // The request carries a W3C traceparent of its own, so its events are found by a trace id the test chose.
    private static (HttpClient Client, string TraceId) Traced(HttpClient client)
    {
        var traceId = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{Guid.NewGuid().ToString("N")[..16]}-01");
        return (client, traceId);
    }
}

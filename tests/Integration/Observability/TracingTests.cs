using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Application.Common.Tracing;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Observability;

public sealed class TracingTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task A_use_case_is_one_span_under_the_request_span_with_the_trace_id_of_the_problem_and_the_logs()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or UseCaseTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = fixture.Api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong password!" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var traceparent = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!.Split('-');
        var traceId = traceparent[1];
        List<Activity> trace;
        lock (spans)
        {
            trace = [.. spans.Where(s => s.TraceId.ToHexString() == traceId)];
        }

        var request = trace.Should().ContainSingle(s => s.Source.Name == "Microsoft.AspNetCore").Subject;
        request.SpanId.ToHexString().Should().Be(traceparent[2], "the problem's traceId is the request span's traceparent");
        var useCase = trace.Should().ContainSingle(s => s.Source.Name == UseCaseTracing.SourceName).Subject;
        useCase.OperationName.Should().Be("LoginCommand");
        useCase.ParentSpanId.Should().Be(request.SpanId);
        useCase.GetTagItem(UseCaseTracing.OutcomeTag).Should().Be("rejected");
        useCase.GetTagItem("error.type").Should().Be("UnauthorizedException");

        var logged = await fixture.Api.Logs.WaitForAsync(e => e.Str("EventName") == "LoginFailed" && e.Str("TraceId") == traceId);
        logged.Str("TraceId").Should().Be(traceId, "the security event carries the same trace id");
    }

    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_set_a_real_process_exports_its_use_case_spans_and_metrics_over_OTLP()
    {
        using var collector = new OtlpReceiver();
        using var data = new TempFolder("cleanauth-otlp-api-");
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = data.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            // The standard OpenTelemetry variables, nothing CleanAuth-specific; short intervals so the test is quick.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collector.Port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong password!" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var traceId = Convert.FromHexString((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!.Split('-')[1]);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        bool Exported(string path, params byte[][] parts) => collector.Exports.Any(e => e.Path == path && parts.All(p => e.Body.AsSpan().IndexOf(p) >= 0));
        while (!(Exported("/v1/traces", traceId, "LoginCommand"u8.ToArray(), "rejected"u8.ToArray())
            && Exported("/v1/metrics", "cleanauth.auth.logins"u8.ToArray())
            && Exported("/v1/metrics", "http.server.request.duration"u8.ToArray())) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var seen = string.Join(", ", collector.Exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)"));
        Exported("/v1/traces", traceId, "LoginCommand"u8.ToArray(), "rejected"u8.ToArray()).Should().BeTrue("the use case's span, in the trace of the problem, is exported; got {0}", seen);
        Exported("/v1/metrics", "cleanauth.auth.logins"u8.ToArray()).Should().BeTrue("the login counter is exported; got {0}", seen);
        Exported("/v1/metrics", "http.server.request.duration"u8.ToArray()).Should().BeTrue("ASP.NET Core's request histogram is exported; got {0}", seen);
        Encoding.UTF8.GetString(collector.Exports.First(e => e.Path == "/v1/metrics").Body).Should().Contain("CleanAuth", "the service name");
    }
}

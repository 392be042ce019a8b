using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Observability;

/// <summary>
/// The monitoring an operator runs: a real API process with its Prometheus port on (one setting), a real
/// Prometheus scraping it, and the PromQL of docs/monitoring.md asked through Prometheus's HTTP API.
/// </summary>
public sealed class PrometheusScrapeTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    [ToolFact("prometheus")]
    public async Task Prometheus_answers_the_login_counter_by_outcome_and_the_request_duration_histogram_by_route()
    {
        using var data = new TempFolder("cleanauth-metrics-api-");
        var metricsPort = FreePort.Next();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = data.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Metrics:PrometheusPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        var alerts = Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "alerts.yml");
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{metricsPort}", alerts);
        using var client = api.CreateClient();

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound, "metrics are served on their own port only");
        var email = $"prom-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "Prom", email, password = Password })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "not " + Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/books/categories")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // Prometheus scrapes every second; wait (bounded) until a scrape taken after the requests is stored.
        const string logins = "sum by (outcome, reason) (cleanauth_auth_logins_total)";
        var byOutcome = await EventuallyAsync(prometheus, logins, series => series.Sum(s => s.Value) >= 4);
        byOutcome.Select(s => (s.Labels.GetValueOrDefault("outcome"), s.Labels.GetValueOrDefault("reason"), s.Value)).Should().BeEquivalentTo(new[]
        {
            ("succeeded", (string?)null, 1d),
            ("failed", "wrong_password", 2d),
            ("failed", "unknown_account", 1d),
        });

        const string requests = "sum by (http_route, http_response_status_code) (http_server_request_duration_seconds_count{http_route=~\"/api/.*\"})";
        var byRoute = await EventuallyAsync(prometheus, requests, series => series.Count >= 4);
        byRoute.Select(s => (s.Labels["http_route"], s.Labels["http_response_status_code"], s.Value)).Should().BeEquivalentTo(new[]
        {
            ("/api/auth/register", "201", 1d),
            ("/api/auth/login", "200", 1d),
            ("/api/auth/login", "401", 3d),
            ("/api/books/categories", "401", 1d),
        });

        (await prometheus.QueryAsync("http_server_request_duration_seconds_count{http_route=\"\", http_response_status_code=\"200\"}")).Should()
            .BeEmpty("Prometheus's own scrapes are not counted as API requests");

        // The p99 latency per route of docs/monitoring.md: a histogram, so its buckets answer a quantile. rate()
        // counts only increases between scrapes (a series' first sample is not one), hence more logins now.
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        const string p99 = "histogram_quantile(0.99, sum by (http_route, le) (rate(http_server_request_duration_seconds_bucket{http_route=~\"/api/.*\"}[1m])))";
        var latency = await EventuallyAsync(prometheus, p99, series => series.Any(s => s.Labels.GetValueOrDefault("http_route") == "/api/auth/login" && double.IsFinite(s.Value)));
        latency.Single(s => s.Labels["http_route"] == "/api/auth/login").Value.Should().BeInRange(0, 60, "seconds");

        // The suggested alerts (deploy/prometheus/alerts.yml) load and evaluate against these very series.
        var rules = await prometheus.RulesAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); rules.Any(r => r.Health == "unknown") && DateTime.UtcNow < deadline; rules = await prometheus.RulesAsync())
        {
            await Task.Delay(500); // not evaluated yet (every second)
        }

        output.WriteLine(string.Join("\n", rules.Select(r => $"rule {r.Name}: {r.Health} {r.Error}")));
        rules.Should().NotBeEmpty().And.OnlyContain(r => r.Health == "ok", "every alert expression evaluates without error");
    }

    [Fact]
    public async Task An_invalid_Prometheus_port_stops_the_start_with_a_message_naming_the_setting()
    {
        using var data = new TempFolder("cleanauth-metrics-api-");
        var start = () => ApiProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = data.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["Metrics:PrometheusPort"] = "70000",
        });

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Metrics:PrometheusPort must be between 1 and 65535.*");
    }

    private async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> EventuallyAsync(
        PrometheusServer prometheus, string promql, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await prometheus.QueryAsync(promql);
            if (done(result) || DateTime.UtcNow > deadline)
            {
                output.WriteLine(promql);
                foreach (var (labels, value) in result)
                {
                    output.WriteLine($"  {{{string.Join(", ", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {value.ToString(CultureInfo.InvariantCulture)}");
                }

                if (!done(result))
                {
                    output.WriteLine(await prometheus.TargetsAsync());
                }

                return result;
            }

            await Task.Delay(500);
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// Debian's Prometheus on a loopback port, scraping one target every second, with its data in a temp folder;
/// queried through its HTTP API (<c>/api/v1/query</c>) as an operator's dashboard would.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ToolProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(TempFolder folder, ToolProcess process, Uri address)
    {
        _folder = folder;
        _process = process;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Output => _process.Output;

    public static async Task<PrometheusServer> StartAsync(string scrapeTarget, string? ruleFile = null)
    {
        var folder = new TempFolder("cleanauth-prometheus-");
        var config = folder.File("prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [{{(ruleFile is null ? "" : $"'{ruleFile}'")}}]
            scrape_configs:
              - job_name: cleanauth
                metrics_path: /metrics
                static_configs:
                  - targets: ['{{scrapeTarget}}']
            """);
        var port = FreePort.Next();
        var process = ToolProcess.Start(ExternalTool.Require("prometheus"),
        [
            $"--config.file={config}", $"--storage.tsdb.path={folder.File("data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        ], folder.Path);
        var server = new PrometheusServer(folder, process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await process.WaitUntilAsync("Prometheus is ready", async () => (await server._http.GetAsync("/-/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An instant PromQL query: each series' labels and value (<c>data.result[]</c> of a vector answer).</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        if (answer.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"{promql}: {answer}");
        }

        return [.. answer.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The loaded alerting rules (<c>/api/v1/rules</c>): each rule's name and evaluation health (<c>ok</c>, <c>err</c>, <c>unknown</c>).</summary>
    public async Task<IReadOnlyList<(string Name, string Health, string? Error)>> RulesAsync()
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        return [.. answer.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => (rule.GetProperty("name").GetString()!, rule.GetProperty("health").GetString()!,
                rule.TryGetProperty("lastError", out var error) ? error.GetString() : null))];
    }

    /// <summary>The scrape target's health as Prometheus sees it (<c>up</c>, or the last scrape error).</summary>
    public async Task<string> TargetsAsync() => await _http.GetStringAsync("/api/v1/targets");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        _folder.Dispose();
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// Debian's nginx running the repository's <c>deploy/nginx.conf</c> as the compose deployment does, with only
/// what cannot be the same on a test machine changed: the upstream servers become the given API processes,
/// it listens on a free loopback port, and it runs as the current user with its pid, temp files and log in a
/// temp folder.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ToolProcess _process;

    private NginxServer(TempFolder folder, ToolProcess process, Uri address)
    {
        _folder = folder;
        _process = process;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public string ErrorLog => File.Exists(_folder.File("error.log")) ? File.ReadAllText(_folder.File("error.log")) : "";

    public static async Task<NginxServer> StartAsync(IReadOnlyList<Uri> upstreams)
    {
        var folder = new TempFolder("cleanauth-nginx-");
        var port = FreePort.Next();
        var config = Rewrite(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "nginx.conf")), upstreams, port, folder);
        await File.WriteAllTextAsync(folder.File("nginx.conf"), config);

        // -e: the error log before the configuration is read (the default, /var/log/nginx, needs root).
        var process = ToolProcess.Start(ExternalTool.Require("nginx"),
            ["-p", folder.Path, "-c", folder.File("nginx.conf"), "-e", folder.File("error.log"), "-g", "daemon off;"], folder.Path);
        var server = new NginxServer(folder, process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        try
        {
            using var probe = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            await process.WaitUntilAsync("nginx answers", async () => (await probe.GetAsync("/health/live")).IsSuccessStatusCode, TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var log = server.ErrorLog;
            await server.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\nerror.log:\n{log}\nconfiguration:\n{config}", ex);
        }

        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static string Rewrite(string config, IReadOnlyList<Uri> upstreams, int port, TempFolder folder)
    {
        var servers = UpstreamServer().Matches(config);
        if (servers.Count != upstreams.Count)
        {
            throw new InvalidOperationException($"deploy/nginx.conf names {servers.Count} upstream servers; the test runs {upstreams.Count} API processes.");
        }

        var next = 0;
        config = UpstreamServer().Replace(config, _ => $"server 127.0.0.1:{upstreams[next++].Port}");
        if (!Listen().IsMatch(config))
        {
            throw new InvalidOperationException("deploy/nginx.conf has no `listen 8080;`.");
        }

        config = Listen().Replace(config, $"listen 127.0.0.1:{port};");
        var temp = string.Join(' ', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(kind => $"{kind}_temp_path {folder.File(kind)};"));
        config = HttpBlock().Replace(config, $"http {{\n  {temp}", 1);

        // As root, nginx would hand its workers to `nobody`, who cannot write the temp folder; run them as root here.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return $"{user}pid {folder.File("nginx.pid")};\nerror_log {folder.File("error.log")};\n{config}";
    }

    [GeneratedRegex(@"server\s+[\w.-]+:8080")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen\s+8080;")]
    private static partial Regex Listen();

    [GeneratedRegex(@"^http\s*\{", RegexOptions.Multiline)]
    private static partial Regex HttpBlock();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _folder.Dispose();
    }
}

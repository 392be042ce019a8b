using System.Diagnostics;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A throw-away MongoDB-wire server (CongoDB, in memory, from tools/mongo-wire) on a loopback port.
/// It exits by itself if this test process dies, because it watches the stdin pipe we hold.
/// </summary>
public sealed class MongoWireServer : IAsyncDisposable
{
    private readonly Process _process;

    private MongoWireServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"mongodb://127.0.0.1:{Port}/{database}?serverMonitoringMode=poll";

    public static async Task<MongoWireServer> StartAsync(int port = 0)
    {
        var folder = System.IO.Path.Combine(RepositoryRoot.Path, "tools", "mongo-wire");
        if (!Directory.Exists(System.IO.Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException(
                "The Mongo-wire test server is not installed: run `npm ci` in tools/mongo-wire (scripts/test.sh does this).");
        }

        var process = Process.Start(new ProcessStartInfo("node", ["server.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--exit-on-stdin-close"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("node could not be started.");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The Mongo-wire server did not start: {line} {error}");
        }

        return new MongoWireServer(process, int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

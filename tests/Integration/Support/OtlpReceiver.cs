using System.Net;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// The receiving end of OTLP over HTTP (protobuf): keeps every export's path (<c>/v1/traces</c>,
/// <c>/v1/metrics</c>) and bytes, and answers 200 as a collector does. Protobuf keeps strings and ids as raw
/// bytes, so a test can look for a span name or a trace id in them without a protobuf library.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _exports = [];

    public OtlpReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ReceiveAsync();
    }

    public int Port { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Exports
    {
        get
        {
            lock (_exports)
            {
                return [.. _exports];
            }
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_exports)
            {
                _exports.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

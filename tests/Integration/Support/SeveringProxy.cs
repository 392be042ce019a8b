using System.Net;
using System.Net.Sockets;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A TCP forwarder on a loopback port, in front of a server. <see cref="Sever"/> is a network outage: every open
/// connection is reset and new ones are reset as soon as they arrive, until <see cref="Restore"/>. The server
/// behind it keeps running, so the data it holds survives the outage (the Mongo-wire server keeps it in memory).
/// </summary>
public sealed class SeveringProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private bool _severed;

    public SeveringProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString(string database) => $"mongodb://127.0.0.1:{Port}/{database}?serverMonitoringMode=poll";

    public void Sever()
    {
        lock (_open)
        {
            _severed = true;
            foreach (var connection in _open)
            {
                Reset(connection);
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_open)
        {
            _severed = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Sever();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            if (!Track(client))
            {
                Reset(client);
                upstream.Dispose();
                return;
            }

            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            if (!Track(upstream))
            {
                Reset(client);
                Reset(upstream);
                return;
            }

            var down = client.GetStream();
            var up = upstream.GetStream();
            // When either direction ends (or a reset breaks it), both sockets are closed.
            await Task.WhenAny(down.CopyToAsync(up, _stopping.Token), up.CopyToAsync(down, _stopping.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Untrack(client);
            Untrack(upstream);
            client.Dispose();
            upstream.Dispose();
        }
    }

    private bool Track(TcpClient connection)
    {
        lock (_open)
        {
            if (_severed)
            {
                return false;
            }

            _open.Add(connection);
            return true;
        }
    }

    private void Untrack(TcpClient connection)
    {
        lock (_open)
        {
            _open.Remove(connection);
        }
    }

    // Linger 0 makes Close send a RST: the peer sees "connection reset", as when a link or a server dies.
    private static void Reset(TcpClient connection)
    {
        try
        {
            connection.Client.LingerState = new LingerOption(true, 0);
            connection.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}

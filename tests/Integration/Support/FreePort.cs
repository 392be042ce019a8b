using System.Net;
using System.Net.Sockets;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// A loopback port nobody listens on right now, for programs that must be told their port in advance
/// (nginx, Prometheus, the API's metrics port). Another process could take it before it is used; on a test
/// machine that is rare enough, and the program's start then fails loudly rather than silently.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Finds free TCP ports on the loopback address, for servers that cannot bind port 0 themselves.</summary>
public static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Finds free TCP ports on the loopback address, for servers that cannot bind port 0 themselves.</summary>
public static class LoopbackPort
{
    // The OS may offer a port again as soon as the probe releases it; a port is handed out once per test run, so two
    // servers started together (a host's HTTP and gRPC endpoints, say) never get the same one.
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}

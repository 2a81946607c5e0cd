using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.Testing;

/// <summary>gRPC channels that send an API key with every call, as every client of the platform must.</summary>
public static class ApiKeyChannel
{
    /// <summary>A fresh admin key for a test host's <c>Platform:Access:AdminKey</c> setting.</summary>
    public static string NewAdminKey() => "test-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>A channel to <paramref name="address"/> whose calls carry <paramref name="apiKey"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, string apiKey) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(address.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {apiKey}");
                return Task.CompletedTask;
            })),

            // The test hosts listen on loopback without TLS; the key goes in clear only over 127.0.0.1.
            UnsafeUseInsecureChannelCallCredentials = true,
        });

    /// <inheritdoc cref="ForAddress(Uri, string)" />
    public static GrpcChannel ForAddress(string address, string apiKey) => ForAddress(new Uri(address), apiKey);
}

using Microsoft.Extensions.Options;

namespace Platform.Host.Tests.Configuration;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Platform:Access:AdminKey=too-short", "Platform:Access:AdminKey must be at least 32 characters without whitespace (got 9 characters).")]
    [InlineData("Platform:Endpoints:Grpc=nonsense", "Platform:Endpoints:Grpc must be an http or https URL")]
    [InlineData("Platform:Endpoints:Http=https://127.0.0.1:8080", "Platform:Endpoints:Http must be an http URL")]
    [InlineData("Platform:Endpoints:Http=http://example.com:8080", "Platform:Endpoints:Http must name an IP address or localhost")]
    [InlineData("Platform:Endpoints:Http=http://127.0.0.1:50051", "Platform:Endpoints:Grpc and Platform:Endpoints:Http must use different ports")]
    [InlineData("Platform:Plugins:Path=/no/such/plugins", "Platform:Plugins:Path names a directory that does not exist: /no/such/plugins")]
    [InlineData("Platform:Plugins:AdditionalPaths:0=/no/such/connectors", "Platform:Plugins:AdditionalPaths:0 names a directory that does not exist: /no/such/connectors")]
    [InlineData("Platform:Sandbox:SyncInterval=00:00:00.5", "Platform:Sandbox:SyncInterval must be at least 00:00:01")]
    [InlineData("Platform:Silo:SiloPort=70000", "Platform:Silo:SiloPort must be a port between 1 and 65535 (got 70000)")]
    [InlineData("Platform:Silo:ClusterId=", "Platform:Silo:ClusterId is required")]
    [InlineData("Platform:Storage:Provider=Mongo", "Platform:Storage:Provider must be Sqlite or Postgres (got 'Mongo')")]
    [InlineData("Platform:Storage:Provider=Postgres", "Platform:Storage:Postgres:ConnectionString is required")]
    [InlineData("Platform:Silo:Clustering=Consul", "Platform:Silo:Clustering must be Localhost or Redis (got 'Consul')")]
    [InlineData("Platform:Silo:Clustering=Redis", "Platform:Silo:Redis is required")]
    [InlineData("Platform:Silo:AdvertisedAddress=silo-1", "Platform:Silo:AdvertisedAddress must be an IP address")]
    [InlineData("Platform:Sync:KeepAlivePeriod=00:00:00.5", "Platform:Sync:KeepAlivePeriod must be at least 00:00:01")]
    [InlineData("Platform:Sync:BulkJobSize=500", "Platform:Sync:BulkJobSize must be between 1000 and 100000 (got 500)")]
    [InlineData("Platform:Endpoints:Grpc=https://127.0.0.1:50051", "Platform:Endpoints:GrpcCertificatePath names a file that does not exist")]
    [InlineData("Platform:Endpoints:GrpcCertificatePath=/etc/hostname", "Platform:Endpoints:GrpcCertificatePath needs an https Platform:Endpoints:Grpc endpoint")]
    [InlineData("Platform:Secrets:CertificatePath=/no/such/secrets.pfx", "Platform:Secrets:CertificatePath names a file that does not exist: /no/such/secrets.pfx")]
    [InlineData("Platform:Telemetry:OtlpEndpoint=collector:4317", "Platform:Telemetry:OtlpEndpoint must be an http or https URL")]
    public void CreateApp_InvalidSetting_FailsWithAMessageNamingIt(string setting, string message)
    {
        var error = Should.Throw<OptionsValidationException>(() => Program.CreateApp(["--" + setting]));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public void CreateApp_RedisClusteringOnTheEmbeddedDatabase_FailsSayingEverySiloMustReachTheSameData()
    {
        var error = Should.Throw<OptionsValidationException>(() => Program.CreateApp(["--Platform:Silo:Clustering=Redis", "--Platform:Silo:Redis=127.0.0.1:6379"]));

        error.Message.ShouldContain("Platform:Storage:Provider must be Postgres when Platform:Silo:Clustering is Redis");
    }

    [Fact]
    public void CreateApp_SettingOfTheWrongType_FailsNamingIt()
    {
        var error = Should.Throw<InvalidOperationException>(() => Program.CreateApp(["--Platform:Silo:SiloPort=eleven"]));

        error.Message.ShouldContain("Platform:Silo:SiloPort");
    }

    [Fact]
    public async Task Main_InvalidSetting_ExitsWithTwo() =>
        (await Program.Main(["--Platform:Storage:Provider=Mongo"])).ShouldBe(2);
}

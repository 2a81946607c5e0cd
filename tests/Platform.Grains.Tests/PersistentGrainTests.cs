using Microsoft.Data.Sqlite;
using Platform.Testing;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PersistentGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task State_GrainDeactivatedAndReactivated_IsReadBackFromStorage()
    {
        var grain = fixture.Grains.GetGrain<IProbeGrain>(Guid.NewGuid().ToString());
        await grain.SetAsync("kept");

        await fixture.Cluster.DeactivateAsync(grain);

        (await grain.GetAsync()).ShouldBe(new ProbeState { Value = "kept", Writes = 1 });
    }

    [Fact]
    public async Task State_Written_IsARowInTheEmbeddedDatabase()
    {
        var key = Guid.NewGuid().ToString();
        await fixture.Grains.GetGrain<IProbeGrain>(key).SetAsync("on disk");

        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE state_name = 'probe' AND grain_id LIKE $key";
        command.Parameters.AddWithValue("$key", $"%{key}");

        (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe(1L);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Platform.Host.Tests.Storage;

public sealed class RestartTests
{
    [Fact]
    public async Task GrainState_HostStoppedAndStartedAgain_IsReadBackFromTheEmbeddedDatabase()
    {
        using var data = new TempDirectory();
        await using (var first = await RunningHost.StartAsync(data.Path))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart");
            await grain.SetAsync("one");
            await grain.SetAsync("two");
        }

        File.Exists(data.Combine("platform.db")).ShouldBeTrue();
        await using var second = await RunningHost.StartAsync(data.Path);
        var state = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("restart").GetAsync();

        state.ShouldBe(new ProbeState { Value = "two", Writes = 2 });
    }
}

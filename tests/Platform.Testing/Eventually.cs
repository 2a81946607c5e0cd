using System.Diagnostics;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// Waits for a condition that another process or server changes, where there is no signal to wait on: asks it every
/// 200 ms and fails the test with a description when it is still false after the patience given.
/// </summary>
public static class Eventually
{
    public static Task ThatAsync(Func<Task<bool>> condition, TimeSpan within, string failure, CancellationToken cancellationToken = default) =>
        ThatAsync(condition, within, () => Task.FromResult(failure), cancellationToken);

    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan within, Func<Task<string>> failure, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                Assert.Fail(await failure());
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}

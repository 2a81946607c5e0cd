namespace Platform.Sdk.Testing;

/// <summary>A connector's client for one check, disposed afterwards as the host would.</summary>
internal sealed class ClientScope(IAppClient app) : IAsyncDisposable
{
    public IAppClient App { get; } = app;

    public async ValueTask DisposeAsync()
    {
        switch (App)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}

namespace Platform.Grains.Events;

/// <summary>
/// Small notifications to the other silos of the cluster (sync events for watchers on another silo, "a write was
/// queued", "a write was answered"). Best effort and at most once: the stores stay the truth, and every receiver also
/// polls them, so a lost signal only delays.
/// </summary>
public interface IClusterSignals
{
    /// <summary>Sends <paramref name="message"/> on <paramref name="channel"/> to every other silo; never blocks or throws.</summary>
    void Publish(string channel, string message);

    /// <summary>Calls <paramref name="handler"/> with each message other silos publish on <paramref name="channel"/>.</summary>
    void Subscribe(string channel, Action<string> handler);
}

/// <summary>A silo alone: there is nobody else to tell.</summary>
public sealed class SingleSiloSignals : IClusterSignals
{
    public void Publish(string channel, string message)
    {
    }

    public void Subscribe(string channel, Action<string> handler)
    {
    }
}

namespace Platform.Emulators.Hosting;

/// <summary>Counts an emulated API's requests and, when told, fails the next few as an outage would. Thread-safe.</summary>
internal sealed class OutageSwitch
{
    private int _calls;
    private int _failures;
    private int _status;

    /// <summary>Requests counted so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Fails the next <paramref name="count"/> requests with <paramref name="status"/>.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The HTTP status they get. Default: 503.</param>
    public void FailNext(int count, int status = 503)
    {
        Volatile.Write(ref _status, status);
        Volatile.Write(ref _failures, count);
    }

    /// <summary>Counts a request and says whether it fails.</summary>
    /// <returns>The status to fail it with, or <see langword="null"/> to serve it.</returns>
    public int? Next()
    {
        Interlocked.Increment(ref _calls);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return Volatile.Read(ref _status);
        }

        Interlocked.Exchange(ref _failures, 0);
        return null;
    }
}

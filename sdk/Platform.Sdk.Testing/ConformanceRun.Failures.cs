namespace Platform.Sdk.Testing;

internal sealed partial class ConformanceRun
{
    /// <summary>The app fails every call in one way; the connector must say so with the right <see cref="ConnectorErrorKind"/>, so the host retries or waits for an operator correctly.</summary>
    private async Task<string> CheckFailureAsync(string entity, FaultKind fault, ConnectorErrorKind expected, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        _faults.Set(fault);
        try
        {
            await client.App.GetChangesAsync(entity, null, 10, cancellationToken);
        }
        catch (ConnectorException e)
        {
            _messages.Add(e.ToString());
            Require(e.Error.Kind == expected, $"reading the feed while the app is {Describe(fault)} failed as {e.Error.Kind}; it must be {expected}.");
            return $"reading while the app is {Describe(fault)}: ConnectorException, {e.Error.Kind}.";
        }
        catch (HttpRequestException e) when (fault == FaultKind.Unreachable)
        {
            // The host treats a transport failure as transient too; a ConnectorException would say more, but this is allowed.
            _messages.Add(e.ToString());
            return "reading while the app is unreachable: HttpRequestException, which the host retries.";
        }

        throw new CheckFailedException($"reading the feed while the app is {Describe(fault)} succeeded: the failure was swallowed.");
    }

    /// <summary>
    /// A record the app refuses fails as permanent (an operator must correct it), never as transient (retried forever) or
    /// unauthorized (pausing the integration): as its own failed result, or, for an API that refuses a whole batch call,
    /// as a permanent ConnectorException.
    /// </summary>
    private async Task<string> CheckRefusedRecordAsync(ConformanceEntity entity, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        _faults.Set(FaultKind.RefuseWrites);
        IReadOnlyList<AppWriteResult> results;
        try
        {
            results = await client.App.WriteAsync(entity.Name, [new AppWrite { Kind = AppWriteKind.Create, Values = entity.Create, IdempotencyKey = Key("refused") }], cancellationToken);
        }
        catch (ConnectorException thrown)
        {
            _messages.Add(thrown.ToString());
            Require(thrown.Error.Kind == ConnectorErrorKind.Permanent, $"a write the app refused (422) threw {thrown.Error.Kind}; it must be Permanent.");
            return $"a write the app refused failed the call as Permanent: {thrown.Error.Message}";
        }

        Require(results.Count == 1, $"one write got {results.Count} results.");
        Require(results[0].Error is { } error && error.Kind == ConnectorErrorKind.Permanent, $"a record the app refused (422) got {(results[0].Error is { } e ? e.Kind.ToString() : "success")}; it must fail as Permanent.");
        _messages.Add(results[0].Error!.Message);
        return $"a refused record failed alone as Permanent: {results[0].Error!.Message}";
    }

    /// <summary>A call stuck on the app ends promptly when cancelled, and a cancelled token stops a call before it starts.</summary>
    private async Task<string> CheckCancellationAsync(string entity, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        _faults.Set(FaultKind.Hang);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        var call = client.App.GetChangesAsync(entity, null, 10, cancel.Token);
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        Require(finished == call, "a feed read stuck on the app was cancelled, but did not end within 10 seconds.");
        Require(call.IsCanceled || call.Exception?.InnerException is OperationCanceledException, $"a cancelled feed read ended with {(call.IsFaulted ? call.Exception!.InnerException!.GetType().Name : "a page")}; it must throw OperationCanceledException.");

        _faults.Clear();
        var cancelled = new CancellationToken(canceled: true);
        try
        {
            await client.App.GetChangesAsync(entity, null, 10, cancelled);
        }
        catch (OperationCanceledException)
        {
            return "a stuck read ended when cancelled; a read with a cancelled token threw OperationCanceledException.";
        }

        throw new CheckFailedException("a feed read with an already-cancelled token succeeded; it must throw OperationCanceledException.");
    }

    /// <summary>No secret setting's value in any log line or error message the run produced.</summary>
    private string CheckSecrets()
    {
        var secrets = _definition!.Settings.Where(s => s.Secret && _settings!.GetValueOrDefault(s.Key) is { Length: >= 4 }).Select(s => (s.Key, Value: _settings![s.Key])).ToList();
        var text = string.Join("\n", _logs.Lines.Concat(_messages));
        var leaked = secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key).ToList();
        Require(leaked.Count == 0, $"the value of secret setting {string.Join(", ", leaked)} appears in a log line or an error message.");
        return $"{secrets.Count} secret values, none in {_logs.Lines.Count} log lines (Trace level) or {_messages.Count} error messages.";
    }

    private static string Describe(FaultKind fault) => fault switch
    {
        FaultKind.Unauthorized => "refusing the credentials (401)",
        FaultKind.Outage => "down (503)",
        FaultKind.Throttled => "throttling (429)",
        FaultKind.Unreachable => "unreachable",
        _ => fault.ToString(),
    };
}

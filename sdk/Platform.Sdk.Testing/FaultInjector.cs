using System.Net;
using System.Text;

namespace Platform.Sdk.Testing;

internal enum FaultKind
{
    None,
    Unauthorized,
    Outage,
    Throttled,
    Unreachable,
    RefuseWrites,
    Hang,
}

/// <summary>
/// Makes the app fail on demand, under the connector: as HTTP answers for a connector that calls an API (through the
/// context's HttpClient), or as the in-memory gateway's failures for one that uses the app gateway.
/// </summary>
internal sealed class FaultInjector
{
    private volatile int _fault;

    public FaultKind Current => (FaultKind)_fault;

    public void Set(FaultKind fault) => _fault = (int)fault;

    public void Clear() => Set(FaultKind.None);

    public HttpMessageHandler Handler(HttpMessageHandler inner) => new FaultingHandler(this) { InnerHandler = inner };

    private sealed class FaultingHandler(FaultInjector faults) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            switch (faults.Current)
            {
                case FaultKind.Unauthorized:
                    return Answer(HttpStatusCode.Unauthorized, "invalid credentials");
                case FaultKind.Outage:
                    return Answer(HttpStatusCode.ServiceUnavailable, "down for maintenance");
                case FaultKind.Throttled:
                    var throttled = Answer(HttpStatusCode.TooManyRequests, "rate limit exceeded");
                    throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                    return throttled;
                case FaultKind.Unreachable:
                    throw new HttpRequestException("Connection refused (conformance kit)", null, null);
                case FaultKind.RefuseWrites when request.Method != HttpMethod.Get:
                    return Answer(HttpStatusCode.UnprocessableEntity, "the record is invalid");
                case FaultKind.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string message) => new(status)
        {
            Content = new StringContent($$"""{"message":"{{message}}"}""", Encoding.UTF8, "application/json"),
        };
    }
}

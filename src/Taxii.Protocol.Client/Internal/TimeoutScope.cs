namespace Taxii.Protocol.Client.Internal;

/// <summary>
/// The caller's token joined with the per-exchange timeout, so that a fired timeout can be told apart from the
/// caller's cancellation, and failures it causes (an aborted read is an I/O error) are reported as what they are.
/// </summary>
internal sealed class TimeoutScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _callerToken;
    private readonly TimeSpan _timeout;

    public TimeoutScope(TimeSpan timeout, CancellationToken callerToken)
    {
        _callerToken = callerToken;
        _timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(timeout);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True once the timeout or the caller has cancelled: any failure from then on is put down to that.</summary>
    public bool IsCancelled => _source.IsCancellationRequested;

    /// <summary>The response body, its reads bound to this scope.</summary>
    public async Task<Stream> ReadBodyAsync(HttpResponseMessage response) =>
        new TokenReadStream(await response.Content.ReadAsStreamAsync(Token), Token);

    /// <summary>
    /// What to throw for <paramref name="exception"/>, raised after <see cref="IsCancelled"/>: an aborted read
    /// surfaces as an I/O error, which the caller should see as its cancellation or as the timeout.
    /// </summary>
    public Exception Translate(Exception exception)
    {
        if (_callerToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException
                ? exception
                : new OperationCanceledException("The TAXII exchange was cancelled.", exception, _callerToken);
        }

        return new TimeoutException($"The TAXII exchange did not complete within {_timeout}.", exception);
    }

    public void Dispose() => _source.Dispose();
}

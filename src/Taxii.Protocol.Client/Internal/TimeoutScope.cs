namespace Taxii.Protocol.Client.Internal;

/// <summary>
/// The caller's token joined with the per-exchange timeout, so that a fired timeout can be told apart
/// from the caller's cancellation and reported as a <see cref="TimeoutException"/>.
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

    /// <summary>True when <paramref name="exception"/> comes from the timeout rather than from the caller.</summary>
    public bool TimedOut(Exception exception) =>
        exception is OperationCanceledException && _source.IsCancellationRequested && !_callerToken.IsCancellationRequested;

    public TimeoutException ToTimeoutException(Exception inner) =>
        new($"The TAXII exchange did not complete within {_timeout}.", inner);

    public void Dispose() => _source.Dispose();
}

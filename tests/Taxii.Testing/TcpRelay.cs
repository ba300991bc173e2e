using System.Net;
using System.Net.Sockets;

namespace Taxii.Testing;

/// <summary>
/// A loopback TCP relay in front of a host, to take it off the network and back without stopping it: while
/// <see cref="Up"/> is false every connection is accepted and closed at once (the client sees the connection drop
/// before any answer, as with a peer that is down or restarting); while true, bytes pass both ways unchanged.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _refused;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool Up { get; set; }

    /// <summary>Connections closed while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (!Up)
            {
                Interlocked.Increment(ref _refused);
                client.Client.LingerState = new LingerOption(true, 0); // a reset, as from a closed port
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var from = client.GetStream();
                var to = target.GetStream();
                await Task.WhenAny(from.CopyToAsync(to, _stop.Token), to.CopyToAsync(from, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // either side went away
            }
        }
    }
}

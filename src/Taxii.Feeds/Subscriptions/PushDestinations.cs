using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// Where subscription pushes may go. Any reader of a collection can name a push address, so without a rule the server
/// could be made to POST into its own network (loopback services, cloud metadata at 169.254.169.254, private hosts):
/// server-side request forgery. Pushes go only to publicly routable addresses, plus the networks an administrator
/// lists in <see cref="SubscriptionOptions.PushAllowedNetworks"/>. The rule is applied to the addresses a name resolves to
/// when the connection is made (a name that later resolves elsewhere gains nothing), and to literal addresses and
/// <c>localhost</c> already when the subscription is made.
/// </summary>
public sealed class PushDestinations(IOptions<SubscriptionOptions> options)
{
    /// <summary>Loopback, private, shared, link-local, multicast and reserved ranges (RFC 6890 and its IPv6 kin).</summary>
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private readonly IPNetwork[] _allowed = [.. options.Value.PushAllowedNetworks.Select(IPNetwork.Parse)];

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _allowed.Any(n => n.Contains(address)) || !NonPublic.Any(n => n.Contains(address));
    }

    /// <summary>
    /// Why <paramref name="address"/> is refused without looking it up (a literal address outside the rule, or
    /// <c>localhost</c>), or null. Names are checked again, resolved, at every connection.
    /// </summary>
    public string? RefusalOf(Uri address)
    {
        var refused = address.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(address.IdnHost, out var literal)
            ? !IsAllowed(literal)
            : address.IsLoopback && !IsAllowed(IPAddress.Loopback);
        return refused
            ? $"This server does not push to {address.IdnHost}: only to public addresses and the networks its administrator allows."
            : null;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to allowed addresses of the host asked for.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(
                $"{host} is not an address this server pushes to (it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}); "
                + "allow its network with Taxii:Subscriptions:PushAllowedNetworks.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

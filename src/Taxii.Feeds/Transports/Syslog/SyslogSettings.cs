using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports.Syslog;

/// <summary>A syslog feed's settings, out of <see cref="OutgoingTransportSettings"/> with the defaults filled in.</summary>
public sealed record SyslogSettings(string Host, int Port, string Protocol, int Facility, int Severity, int MaxMessageSize, bool VerifyTls) : INetworkEndpoint
{
    public const string Udp = "udp";
    public const string Tcp = "tcp";
    public const string Tls = "tls";

    /// <summary>User-level messages (RFC 5424 facility 1) at notice (5): intelligence to act on, not an alarm.</summary>
    public const int DefaultFacility = 1;

    public const int DefaultSeverity = 5;

    /// <summary>RFC 5424 asks receivers to take at least 2048 bytes; larger is for operators who know theirs does.</summary>
    public const int DefaultMaxMessageSize = 2048;

    /// <summary>RFC 5426: a UDP message of 480 bytes fits any IPv4 path; nothing smaller can hold a useful item.</summary>
    public const int MinMessageSize = 480;

    public const int MaxMaxMessageSize = 64 * 1024;

    public string Endpoint => $"syslog+{Protocol}://{Host}:{Port}";

    public static bool IsProtocol(string? value) => value is Udp or Tcp or Tls;

    /// <exception cref="FeedDeliveryException">A setting is missing (the API refuses that, but the row may be old).</exception>
    public static SyslogSettings From(OutgoingTransportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var protocol = settings.SyslogProtocol ?? Tcp;
        if (string.IsNullOrWhiteSpace(settings.Host) || !IsProtocol(protocol))
        {
            throw new FeedDeliveryException("The feed names no syslog host or protocol (transport.host, transport.syslogProtocol).");
        }

        return new SyslogSettings(
            settings.Host,
            settings.Port ?? (protocol == Tls ? 6514 : 514),
            protocol,
            settings.Facility ?? DefaultFacility,
            settings.Severity ?? DefaultSeverity,
            settings.MaxMessageSize ?? DefaultMaxMessageSize,
            settings.VerifyTls);
    }
}

using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client.Internal;

/// <summary>The HTTP binding's header names (HTTP binding 1.0 §2.1) and how this client fills them.</summary>
internal static class TaxiiHeaders
{
    public const string ContentType = "X-TAXII-Content-Type";
    public const string Services = "X-TAXII-Services";
    public const string Protocol = "X-TAXII-Protocol";
    public const string Accept = "X-TAXII-Accept";

    public static bool TryParseMessageBinding(string? value, out TaxiiVersion version)
    {
        switch (value?.Trim())
        {
            case MessageBindingIds.Xml11:
                version = TaxiiVersion.V11;
                return true;
            case MessageBindingIds.Xml10:
                version = TaxiiVersion.V10;
                return true;
            default:
                version = default;
                return false;
        }
    }

    /// <summary>The protocol binding must agree with the transport really used (HTTP binding §2.1.6).</summary>
    public static string ProtocolFor(Uri uri) =>
        uri.Scheme switch
        {
            "https" => ProtocolBindingIds.Https10,
            "http" => ProtocolBindingIds.Http10,
            _ => throw new ArgumentException($"TAXII over HTTP needs an http or https URI, not '{uri.Scheme}'.", nameof(uri)),
        };
}

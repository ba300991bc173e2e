using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Taxii.Protocol.Messages;

/// <summary>Message IDs valid in both versions: TAXII 1.0 allows digits only, 1.1 any anyURI.</summary>
public static class MessageIds
{
    /// <summary>The in_response_to to use when the request's message_id could not be read (libtaxii, OpenTAXII, YETI).</summary>
    public const string Unreadable = "0";

    /// <summary>A new random, digits-only ID; random so that concurrent senders never reuse one.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        // never "0", which is reserved for unreadable requests
        var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes) | 1UL << 62;
        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="id"/> is valid as a TAXII 1.0 message ID (pattern <c>[0-9]+</c>).</summary>
    public static bool IsValidV10(string id) => id.Length > 0 && id.All(char.IsAsciiDigit);
}

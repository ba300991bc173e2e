using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// STIX ids are <c>xs:QName</c>s. An external id that is already <c>prefix:name</c> (both NCNames) is written as it
/// is, with its prefix declared where it is used; any other id (<c>http://x/1</c>, <c>a b</c>, an unprefixed name)
/// becomes <c>taxii:ext-</c> and the first 16 bytes of the SHA-256 of its UTF-8 text in lower-case hex, so the same
/// external id always gives the same STIX id and relations to it still resolve.
/// </summary>
internal static class StixIds
{
    public static string For(string externalId) => TrySplit(externalId, out _) ? externalId : Derived(externalId);

    /// <summary>The prefix of <paramref name="id"/> (an id from <see cref="For"/>) when the package root does not declare it.</summary>
    public static string? UndeclaredPrefix(string id) =>
        TrySplit(id, out var prefix) && !StixNamespaces.IsDeclared(prefix) ? prefix : null;

    public static string Derived(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return $"{StixNamespaces.TaxiiPrefix}:ext-{Convert.ToHexStringLower(hash[..16])}";
    }

    private static bool TrySplit(string id, out string prefix)
    {
        prefix = string.Empty;
        var colon = id.IndexOf(':');
        if (colon <= 0 || !IsNcName(id[..colon]) || !IsNcName(id[(colon + 1)..]))
        {
            return false;
        }

        prefix = id[..colon];
        return !prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsNcName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(name);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}

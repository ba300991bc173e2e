using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// The kind of a bare value, for formats that give values without kinds (plain-text lists, third-party CSV, a CybOX
/// address without a category). Conservative: a value is given a kind only when its shape is unambiguous, tried in
/// this order: ipv4 (dotted quad), ipv6, url (an absolute URI with <c>://</c>), cve (<c>CVE-yyyy-n…</c>), asn
/// (<c>AS</c> and digits), hash by hex length (32 md5, 40 sha1, 64 sha256, 128 sha512), email (one <c>@</c>
/// before a domain), domain (two or more LDH labels, the last one alphabetic or <c>xn--</c>). Anything else
/// (file names, CIDR ranges, free text) has no kind: null; a name ending in a common file extension that is no
/// top-level domain (<c>.exe</c>, <c>.pdf</c>, …) is a file name, not a domain.
/// </summary>
public static class ObservableKindInference
{
    /// <summary>File name extensions that are not top-level domains: <c>invoice.pdf.exe</c> is a file, not a host.</summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "exe", "dll", "sys", "scr", "bat", "cmd", "ps1", "vbs", "js", "jar", "hta", "lnk", "msi", "iso", "bin", "tmp",
        "dat", "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "rtf", "txt", "png", "jpg", "jpeg", "gif",
        "htm", "html", "php", "asp", "aspx", "rar", "7z", "gz", "tar", "cab", "pif", "apk",
    };

    public static string? Infer(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim();
        if (v.Length == 0 || v.Length > 2048)
        {
            return null;
        }

        if (IsIpv4(v))
        {
            return ObservableKinds.Ipv4;
        }

        if (v.Contains(':', StringComparison.Ordinal) && !v.Contains("://", StringComparison.Ordinal)
            && IPAddress.TryParse(v, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return ObservableKinds.Ipv6;
        }

        if (v.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(v, UriKind.Absolute, out _) && !v.AsSpan().ContainsAny(" \t"))
        {
            return ObservableKinds.Url;
        }

        if (IsCve(v))
        {
            return ObservableKinds.Cve;
        }

        if (v.Length > 2 && v.StartsWith("AS", StringComparison.OrdinalIgnoreCase) && !v.AsSpan(2).ContainsAnyExceptInRange('0', '9'))
        {
            return ObservableKinds.Asn;
        }

        if (!v.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            return v.Length switch
            {
                32 => ObservableKinds.HashMd5,
                40 => ObservableKinds.HashSha1,
                64 => ObservableKinds.HashSha256,
                128 => ObservableKinds.HashSha512,
                _ => null,
            };
        }

        var at = v.IndexOf('@');
        if (at > 0 && at == v.LastIndexOf('@'))
        {
            var local = v.AsSpan(0, at);
            return !local.ContainsAny(" \t\"(),:;<>[\\]") && IsDomain(v[(at + 1)..]) ? ObservableKinds.Email : null;
        }

        return IsDomain(v) ? ObservableKinds.Domain : null;
    }

    private static bool IsIpv4(string v)
    {
        var parts = v.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3
            && !p.AsSpan().ContainsAnyExceptInRange('0', '9')
            && int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsCve(string v)
    {
        if (v.Length < 13 || !v.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase) || v[8] != '-')
        {
            return false;
        }

        return !v.AsSpan(4, 4).ContainsAnyExceptInRange('0', '9') && !v.AsSpan(9).ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsDomain(string v)
    {
        var name = v.EndsWith('.') ? v[..^1] : v;
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || label.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"))
            {
                return false;
            }
        }

        var tld = labels[^1];
        return tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
            || (tld.All(char.IsAsciiLetter) && !FileExtensions.Contains(tld));
    }
}

using System.Text;

namespace Taxii.Feeds.ContentTypes;

/// <summary>Helpers the text readers share: binding matching and decoding a package as UTF-8.</summary>
internal static class MediaTypes
{
    /// <summary>Whether a binding or media type (parameters such as <c>; charset=utf-8</c> ignored, any case) is one of <paramref name="names"/>.</summary>
    public static bool Matches(string binding, params ReadOnlySpan<string> names)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var semicolon = binding.IndexOf(';');
        var bare = (semicolon < 0 ? binding : binding[..semicolon]).Trim();
        foreach (var name in names)
        {
            if (bare.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The package as text: UTF-8 (a BOM is skipped), invalid bytes refused rather than replaced.</summary>
    public static async Task<string> ReadUtf8Async(Stream package, UTF8Encoding strict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var reader = new StreamReader(package, strict, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        try
        {
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new ContentReadException("not UTF-8 text: an invalid byte sequence", e);
        }
    }
}

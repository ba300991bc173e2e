using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Client.Tests;

/// <summary>Test content blocks that say which they are.</summary>
internal static class Blocks
{
    public const string StixBinding = "urn:stix.mitre.org:xml:1.1.1";

    public static ContentBlock Numbered(int number) =>
        new(new ContentBinding(StixBinding),
            TaxiiContent.FromXml($"<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\" id=\"example:Package-{number}\" version=\"1.1.1\"/>"))
        {
            TimestampLabel = Label(number),
        };

    public static DateTimeOffset Label(int number) =>
        new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(number);

    /// <summary>The number given to <see cref="Numbered(int)"/>, read back from the block's content.</summary>
    public static int NumberOf(ContentBlock block)
    {
        var value = block.Content.Value;
        var start = value.IndexOf("Package-", StringComparison.Ordinal) + "Package-".Length;
        var end = value.IndexOf('"', start);
        return int.Parse(value.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture);
    }
}

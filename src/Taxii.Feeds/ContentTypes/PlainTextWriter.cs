using System.Buffers;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// One observable value per line (LF), nothing else: the format of firewall and DNS blocklists. An entity without
/// observables writes nothing, and the format cannot say that something was removed.
/// </summary>
public sealed class PlainTextWriter : IContentWriter
{
    public static PlainTextWriter Instance { get; } = new();

    private PlainTextWriter()
    {
    }

    public FeedContentType ContentType => FeedContentType.PlainText;

    /// <summary>No TAXII binding exists for plain text; the media type without parameters names it (as for CSV).</summary>
    public string Binding => "text/plain";

    public string MediaType => "text/plain; charset=utf-8";

    public string FileExtension => "txt";

    public bool IsXml => false;

    public bool CarriesRemovals => false;

    public IReadOnlyList<EntityType> TypeOrder { get; } = Enum.GetValues<EntityType>();

    public int SectionOf(FeedChangeKind kind, EntityType type) => kind == FeedChangeKind.Add
        ? 0
        : throw new NotSupportedException("plain text cannot carry removals; a Diff feed needs another content type");

    public void WriteStart(IBufferWriter<byte> output, PackageHeader header)
    {
    }

    public void WriteSectionStart(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteSeparator(IBufferWriter<byte> output)
    {
    }

    public void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change)
    {
        foreach (var o in change.Entity.Observables)
        {
            // a value with a line break cannot be one line, and replacing the break would publish a value that was
            // never observed (a blocklist entry that matches something else): such a value is left out
            if (o.Value.Length == 0 || o.Value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                continue;
            }

            Utf8Text.Write(output, o.Value);
            output.Write("\n"u8);
        }
    }

    public void WriteSectionEnd(IBufferWriter<byte> output, int section)
    {
    }

    public void WriteEnd(IBufferWriter<byte> output)
    {
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Taxii's platform-to-platform JSON (docs/formats/eclecticiq-json.md): one object per package with an
/// <c>entities</c> array (section 0) and a <c>removed</c> array (section 1), each present only when it has items.
/// </summary>
public sealed class EclecticIqJsonWriter : IContentWriter
{
    public const string FormatBinding = "urn:eclecticiq.com:json:1.0";
    public const int EntitiesSection = 0;
    public const int RemovedSection = 1;

    public static EclecticIqJsonWriter Instance { get; } = new();

    // escapes what is unsafe in HTML and JavaScript (<, >, &, ', +, control characters) but keeps non-ASCII text
    // readable, so a package can be embedded in a page and still be read by eye
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private EclecticIqJsonWriter()
    {
    }

    public FeedContentType ContentType => FeedContentType.EclecticIqJson;

    public string Binding => FormatBinding;

    public string MediaType => "application/json";

    public string FileExtension => "json";

    public bool IsXml => false;

    public bool CarriesRemovals => true;

    public IReadOnlyList<EntityType> TypeOrder { get; } = Enum.GetValues<EntityType>();

    public int SectionOf(FeedChangeKind kind, EntityType type) => kind == FeedChangeKind.Remove ? RemovedSection : EntitiesSection;

    public void WriteStart(IBufferWriter<byte> output, PackageHeader header)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("format", FormatBinding);
        json.WriteStartObject("header");
        json.WriteString("feed", header.FeedName);
        json.WriteNumber("run", header.RunId);
        json.WriteNumber("sequence", header.Sequence);
        json.WriteString("produced", FeedNames.Of(header.Produced));
        json.WriteString("strategy", FeedNames.Of(header.Strategy));
        json.WriteEndObject();

        // the envelope stays open: sections and WriteEnd complete it
        json.Flush();
    }

    public void WriteSectionStart(IBufferWriter<byte> output, int section) => output.Write(section switch
    {
        EntitiesSection => ",\"entities\":["u8,
        RemovedSection => ",\"removed\":["u8,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "EclecticIQ JSON has sections 0 and 1"),
    });

    public void WriteSeparator(IBufferWriter<byte> output) => output.Write(","u8);

    public void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change)
    {
        using var json = new Utf8JsonWriter(output, Options);
        if (change.Kind == FeedChangeKind.Remove)
        {
            WriteRemoval(json, change.Entity);
        }
        else
        {
            WriteEntity(json, change.Entity);
        }
    }

    public void WriteSectionEnd(IBufferWriter<byte> output, int section) => output.Write("]"u8);

    public void WriteEnd(IBufferWriter<byte> output) => output.Write("}"u8);

    private static void WriteEntity(Utf8JsonWriter json, FeedEntity e)
    {
        json.WriteStartObject();
        json.WriteString("id", e.ExternalId);
        json.WriteString("type", FeedNames.Of(e.Type));

        json.WriteStartObject("data");
        WriteOptional(json, "title", e.Title);
        WriteOptional(json, "description", e.Description);
        if (e.Data is not null)
        {
            // embedded as JSON, not as an escaped string; WriteRawValue checks that it is one JSON value
            json.WritePropertyName("extra");
            json.WriteRawValue(e.Data);
        }

        json.WriteEndObject();

        json.WriteStartObject("meta");
        if (e.Tlp is { } tlp)
        {
            json.WriteString("tlp", FeedNames.Of(tlp));
        }

        if (e.Reliability is { } reliability)
        {
            json.WriteString("reliability", reliability.ToString());
        }

        WriteOptional(json, "valid_from", e.ValidFrom);
        WriteOptional(json, "created_at", e.CreatedAt);
        WriteOptional(json, "updated_at", e.UpdatedAt);
        WriteOptional(json, "dataset", e.DatasetName);
        json.WriteEndObject();

        json.WriteStartArray("sources");
        foreach (var source in e.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();

        json.WriteStartArray("observables");
        foreach (var o in e.Observables)
        {
            json.WriteStartObject();
            json.WriteString("kind", o.Kind);
            json.WriteString("value", o.Value);
            json.WriteString("maliciousness", FeedNames.Of(o.Maliciousness));
            WriteOptional(json, "first_seen", o.FirstSeen);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("relations");
        foreach (var r in e.Relations)
        {
            json.WriteStartObject();
            json.WriteString("type", r.Type);
            json.WriteString("target", r.TargetExternalId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRemoval(Utf8JsonWriter json, FeedEntity e)
    {
        json.WriteStartObject();
        json.WriteString("id", e.ExternalId);
        json.WriteString("type", FeedNames.Of(e.Type));
        json.WriteStartArray("observables");
        foreach (var o in e.Observables)
        {
            json.WriteStartObject();
            json.WriteString("kind", o.Kind);
            json.WriteString("value", o.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, FeedNames.Of(v));
        }
    }
}

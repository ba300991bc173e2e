using System.Globalization;
using System.Text.Json;
using Taxii.Core.Entities;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Reads one EclecticIQ JSON package (docs/formats/eclecticiq-json.md). Unknown fields are ignored (the format's
/// versioning rule); a missing or mistyped field the format requires throws <see cref="EclecticIqJsonException"/>
/// naming it. A package is at most MaxBlobSize, so it is parsed as one document.
/// </summary>
public static class EclecticIqJsonReader
{
    public const int MaxDepth = 64;

    /// <summary>Any 1.x: minor versions only add fields, which readers ignore.</summary>
    private const string FormatPrefix = "urn:eclecticiq.com:json:1.";

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static async Task<EclecticIqJsonPackage> ReadAsync(Stream package, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(package, Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new EclecticIqJsonException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static EclecticIqJsonPackage Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the package");
        var format = RequiredString(root, "format", string.Empty);
        if (!format.StartsWith(FormatPrefix, StringComparison.Ordinal))
        {
            throw new EclecticIqJsonException($"format: '{format}' is not {EclecticIqJsonWriter.FormatBinding} (or another 1.x)");
        }

        var header = ReadHeader(Required(root, "header", string.Empty, JsonValueKind.Object));
        var entities = new List<NewEntity>();
        if (Optional(root, "entities", string.Empty, JsonValueKind.Array) is { } list)
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                entities.Add(ReadEntity(item, $"entities[{i++}]"));
            }
        }

        var removed = new List<EclecticIqRemoval>();
        if (Optional(root, "removed", string.Empty, JsonValueKind.Array) is { } removals)
        {
            var i = 0;
            foreach (var item in removals.EnumerateArray())
            {
                removed.Add(ReadRemoval(item, $"removed[{i++}]"));
            }
        }

        return new EclecticIqJsonPackage(header, entities, removed);
    }

    private static PackageHeader ReadHeader(JsonElement header)
    {
        const string path = "header";
        var feed = RequiredString(header, "feed", path);
        var run = Required(header, "run", path, JsonValueKind.Number);
        var sequence = Required(header, "sequence", path, JsonValueKind.Number);
        if (!run.TryGetInt64(out var runId))
        {
            throw new EclecticIqJsonException($"header.run: {run.GetRawText()} is not an integer");
        }

        if (!sequence.TryGetInt32(out var number))
        {
            throw new EclecticIqJsonException($"header.sequence: {sequence.GetRawText()} is not an integer");
        }

        var produced = ParseTime(RequiredString(header, "produced", path), "header.produced");
        var strategyName = RequiredString(header, "strategy", path);
        if (!FeedNames.TryParseStrategy(strategyName, out var strategy))
        {
            throw new EclecticIqJsonException($"header.strategy: '{strategyName}' is not one of append, replace, diff");
        }

        return new PackageHeader(feed, runId, number, produced, strategy);
    }

    private static NewEntity ReadEntity(JsonElement item, string path)
    {
        Expect(item, JsonValueKind.Object, path);
        var id = RequiredId(item, path);
        var type = ReadType(item, path);

        string? title = null, description = null, data = null;
        if (Optional(item, "data", path, JsonValueKind.Object) is { } content)
        {
            title = OptionalString(content, "title", path + ".data");
            description = OptionalString(content, "description", path + ".data");
            if (Optional(content, "extra", path + ".data", JsonValueKind.Object) is { } extra)
            {
                data = EntityHashing.Canonical(extra.GetRawText());
            }
        }

        Tlp? tlp = null;
        char? reliability = null;
        DateTimeOffset? validFrom = null;
        if (Optional(item, "meta", path, JsonValueKind.Object) is { } meta)
        {
            var metaPath = path + ".meta";
            if (OptionalString(meta, "tlp", metaPath) is { } tlpName)
            {
                tlp = FeedNames.TryParseTlp(tlpName, out var t)
                    ? t
                    : throw new EclecticIqJsonException($"{metaPath}.tlp: '{tlpName}' is not one of white, green, amber, red");
            }

            if (OptionalString(meta, "reliability", metaPath) is { } grade)
            {
                reliability = grade is [>= 'A' and <= 'F']
                    ? grade[0]
                    : throw new EclecticIqJsonException($"{metaPath}.reliability: '{grade}' is not one letter A to F");
            }

            if (OptionalString(meta, "valid_from", metaPath) is { } from)
            {
                validFrom = ParseTime(from, metaPath + ".valid_from");
            }
        }

        var sources = new List<string>();
        if (Optional(item, "sources", path, JsonValueKind.Array) is { } sourceList)
        {
            var i = 0;
            foreach (var source in sourceList.EnumerateArray())
            {
                Expect(source, JsonValueKind.String, $"{path}.sources[{i++}]");
                sources.Add(source.GetString() ?? string.Empty);
            }
        }

        var observables = ReadObservables(item, path, withMaliciousness: true);
        var relations = new List<NewRelation>();
        if (Optional(item, "relations", path, JsonValueKind.Array) is { } relationList)
        {
            var i = 0;
            foreach (var relation in relationList.EnumerateArray())
            {
                var relationPath = $"{path}.relations[{i++}]";
                Expect(relation, JsonValueKind.Object, relationPath);
                relations.Add(new NewRelation(RequiredString(relation, "type", relationPath), RequiredString(relation, "target", relationPath)));
            }
        }

        return new NewEntity(type, id, title, description, tlp, reliability, validFrom, sources, data, observables, Relations: relations);
    }

    private static EclecticIqRemoval ReadRemoval(JsonElement item, string path)
    {
        Expect(item, JsonValueKind.Object, path);
        return new EclecticIqRemoval(RequiredId(item, path), ReadType(item, path), ReadObservables(item, path, withMaliciousness: false));
    }

    private static List<NewObservable> ReadObservables(JsonElement item, string path, bool withMaliciousness)
    {
        var observables = new List<NewObservable>();
        if (Optional(item, "observables", path, JsonValueKind.Array) is not { } list)
        {
            return observables;
        }

        var i = 0;
        foreach (var o in list.EnumerateArray())
        {
            var oPath = $"{path}.observables[{i++}]";
            Expect(o, JsonValueKind.Object, oPath);
            var kind = RequiredString(o, "kind", oPath);
            if (kind.Length == 0)
            {
                throw new EclecticIqJsonException($"{oPath}.kind: empty");
            }

            var value = RequiredString(o, "value", oPath);
            var maliciousness = Maliciousness.Unknown;
            if (withMaliciousness && OptionalString(o, "maliciousness", oPath) is { } name && !FeedNames.TryParseMaliciousness(name, out maliciousness))
            {
                throw new EclecticIqJsonException($"{oPath}.maliciousness: '{name}' is not one of unknown, safe, low, medium, high");
            }

            observables.Add(new NewObservable(kind, value, maliciousness));
        }

        return observables;
    }

    private static string RequiredId(JsonElement item, string path)
    {
        var id = RequiredString(item, "id", path);
        return id.Length > 0 ? id : throw new EclecticIqJsonException($"{path}.id: empty");
    }

    private static EntityType ReadType(JsonElement item, string path)
    {
        var name = RequiredString(item, "type", path);
        return FeedNames.TryParseEntityType(name, out var type)
            ? type
            : throw new EclecticIqJsonException($"{path}.type: '{name}' is not an entity type (indicator, ttp, threat-actor, …)");
    }

    private static DateTimeOffset ParseTime(string value, string path) =>
        DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new EclecticIqJsonException($"{path}: '{value}' is not an ISO 8601 date and time with an offset (2026-01-31T12:00:00Z)");

    private static JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind) =>
        Optional(parent, name, path, kind) ?? throw new EclecticIqJsonException($"{Join(path, name)}: missing");

    private static string RequiredString(JsonElement parent, string name, string path) =>
        Required(parent, name, path, JsonValueKind.String).GetString() ?? string.Empty;

    private static string? OptionalString(JsonElement parent, string name, string path) =>
        Optional(parent, name, path, JsonValueKind.String)?.GetString();

    /// <summary>The property, or null when it is absent or JSON null (both mean "not given").</summary>
    private static JsonElement? Optional(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, kind, Join(path, name));
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new EclecticIqJsonException($"{path}: expected {Describe(kind)}, found {Describe(value.ValueKind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}

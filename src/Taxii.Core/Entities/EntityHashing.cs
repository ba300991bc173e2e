using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Taxii.Core.Entities;

/// <summary>
/// The content hash that deduplicates entities: SHA-256 over a canonical form of what the entity says (its id and
/// where it was read from left out), so the same intelligence arriving twice is stored once.
/// </summary>
public static class EntityHashing
{
    public static byte[] Hash(NewEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(entity.Type.ToString());
            json.WriteStringValue(entity.Title);
            json.WriteStringValue(entity.Description);
            json.WriteStringValue(entity.Tlp?.ToString());
            json.WriteStringValue(entity.Reliability?.ToString());
            json.WriteStringValue(entity.ValidFrom?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray();
            foreach (var source in (entity.Sources ?? []).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(source);
            }

            json.WriteEndArray();
            json.WriteStringValue(entity.Data is null ? null : Canonical(entity.Data));
            json.WriteStartArray();
            foreach (var o in (entity.Observables ?? []).OrderBy(o => o.Kind, StringComparer.Ordinal).ThenBy(o => o.Value, StringComparer.Ordinal))
            {
                json.WriteStringValue($"{o.Kind}\u001F{o.Value}\u001F{o.Maliciousness}");
            }

            json.WriteEndArray();
            json.WriteStartArray();
            foreach (var r in (entity.Relations ?? []).OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.TargetExternalId, StringComparer.Ordinal))
            {
                json.WriteStringValue($"{r.Type}\u001F{r.TargetExternalId}");
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        return SHA256.HashData(buffer.ToArray());
    }

    /// <summary>JSON with object keys sorted and no insignificant whitespace, so formatting does not change the hash.</summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

using System.Text.Json;

namespace Taxii.Server.Admin.Json;

/// <summary>
/// A JSON value that is none of an enum's words; the serializer adds where it was (Path, line, position). The value
/// itself is not repeated back, as no unreadable value is.
/// </summary>
internal sealed class JsonEnumValueException(IReadOnlyList<string> allowed)
    : JsonException($"must be one of: {string.Join(", ", allowed)}");

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Taxii.Server.Admin.Json;

/// <summary>
/// Enums as words (<see cref="JsonStringEnumConverter"/> with a naming policy), refusing an unknown word with a
/// <see cref="JsonEnumValueException"/> that lists the words allowed, so a caller reads "must be one of: taxii-poll,
/// taxii-inbox, ..." instead of the type's .NET name.
/// </summary>
internal sealed class NamedEnumConverterFactory(JsonNamingPolicy policy) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _words = new(policy);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = _words.CreateConverter(typeToConvert, options);
        // each value's word exactly as the inner converter writes it (member-name attributes included)
        var wordsOnly = new JsonSerializerOptions { Converters = { _words } };
        var allowed = Enum.GetValues(typeToConvert).Cast<object>()
            .Select(v => JsonSerializer.Serialize(v, typeToConvert, wordsOnly).Trim('"')).Distinct().ToArray();
        return (JsonConverter?)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert), inner, allowed);
    }

    private sealed class Named<T>(JsonConverter inner, string[] allowed) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return _inner.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw new JsonEnumValueException(allowed);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);
    }
}

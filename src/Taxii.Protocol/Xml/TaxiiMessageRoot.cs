using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// A message whose root element has been read (<see cref="TaxiiMessageReader.OpenAsync"/>): its version and message_id
/// are known before the rest is read, so that whatever stops the reading (a refusal, a body cut short, a failure) can
/// still be answered in response to it. <see cref="ReadAsync"/> reads the rest, once.
/// </summary>
public sealed class TaxiiMessageRoot : IDisposable
{
    private readonly TaxiiXmlReader _reader;

    internal TaxiiMessageRoot(TaxiiXmlReader reader, TaxiiVersion version)
    {
        _reader = reader;
        Version = version;
        MessageId = EnvelopeReading.ReadableMessageId(reader.Inner, version, reader.Options);
    }

    /// <summary>The version the root element's namespace declares.</summary>
    public TaxiiVersion Version { get; }

    /// <summary>The root's message_id, when it is there and valid for <see cref="Version"/> (1.0: digits only); else null.</summary>
    public string? MessageId { get; }

    /// <summary>Reads the message; a refusal carries <see cref="MessageId"/> (<see cref="TaxiiProtocolException.MessageId"/>).</summary>
    public async ValueTask<TaxiiMessageRead> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var message = await TaxiiMessageReader.ReadRootAsync(_reader, Version, cancellationToken).ConfigureAwait(false);
            await TaxiiReading.ExpectEndAsync(_reader.Inner).ConfigureAwait(false);
            return new TaxiiMessageRead(Version, message);
        }
        catch (XmlException ex)
        {
            var refusal = TaxiiReading.NotWellFormed(ex);
            refusal.MessageId = MessageId;
            throw refusal;
        }
        catch (TaxiiProtocolException ex) when (ex.MessageId is null)
        {
            ex.MessageId = MessageId;
            throw;
        }
    }

    public void Dispose() => _reader.Inner.Dispose();
}

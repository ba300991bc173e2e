using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class CollectionInformationRequestReader
{
    public static async ValueTask<CollectionInformationRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        return new CollectionInformationRequest(id)
        {
            ExtendedHeaders = await EnvelopeReading.ReadHeadersOnlyAsync(r).ConfigureAwait(false),
        };
    }
}

using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class DiscoveryRequestReader
{
    public static async ValueTask<DiscoveryRequest> ReadAsync(TaxiiXmlReader r)
    {
        var id = EnvelopeReading.MessageId(r, TaxiiVersion.V11);
        return new DiscoveryRequest(id) { ExtendedHeaders = await EnvelopeReading.ReadHeadersOnlyAsync(r).ConfigureAwait(false) };
    }
}

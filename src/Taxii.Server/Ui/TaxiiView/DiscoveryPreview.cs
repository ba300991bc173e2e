using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;
using Taxii.Server.Taxii;
using Taxii.Server.Taxii.Discovery;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>
/// The discovery entry a client is given for one service, built by the discovery service's own code
/// (<see cref="DiscoveryHandler.Advertisements"/>, <see cref="DiscoveryHandler.Instance"/>) and written by the TAXII
/// codec, so the settings view shows exactly what a client would read.
/// </summary>
internal static class DiscoveryPreview
{
    /// <summary>A Discovery_Response holding only this service's instance, indented; null when there is no such service.</summary>
    public static async Task<string?> XmlAsync(TaxiiDbContext db, int serviceId, TaxiiVersion version, HttpRequest request, CancellationToken cancellationToken)
    {
        var advertisement = await DiscoveryHandler.Advertisements(db.Services.AsNoTracking().Where(s => s.Id == serviceId))
            .SingleOrDefaultAsync(cancellationToken);
        if (advertisement is null)
        {
            return null;
        }

        var https = TaxiiPipeline.IsHttps(request);
        var baseAddress = TaxiiPipeline.BaseAddress(request, https);
        var instance = DiscoveryHandler.Instance(advertisement, version, https, path => baseAddress + path);
        var response = new DiscoveryResponse(MessageIds.New(), "1") { ServiceInstances = [instance] };
        using var written = new MemoryStream();
        await TaxiiMessageWriter.WriteAsync(written, response, version, cancellationToken);
        written.Position = 0;
        return Indent(written);
    }

    private static string Indent(Stream xml)
    {
        var text = new StringBuilder();
        using (var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            writer.WriteNode(reader, defattr: true);
        }

        return text.ToString();
    }
}

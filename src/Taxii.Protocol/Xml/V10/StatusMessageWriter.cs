using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class StatusMessageWriter
{
    public static void Write(XmlWriter w, StatusMessage m)
    {
        // third-party status types are URIs; the 1.1-only standard ones have no 1.0 meaning
        if (!m.Status.IsDefinedInV10 && !m.Status.Value.Contains(':', StringComparison.Ordinal))
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, $"status type {m.Status}");
        }

        var detail = m.DetailText ?? DetailFromItems(m);
        CommonWriter.Start(w, "Status_Message", m.MessageId, m.ExtendedHeaders, a =>
        {
            CommonWriter.InResponseTo(a, m.InResponseTo);
            a.WriteAttributeString("status_type", m.Status.Value);
        });
        w.Text(Names.Ns, "Status_Detail", detail);
        w.Text(Names.Ns, "Message", m.Message);
        w.WriteEndElement();
    }

    // [X10]: UNSUPPORTED_* details are a space-separated list of IDs, which 1.1 lists as repeated Details
    private static string? DetailFromItems(StatusMessage m) =>
        m.Details.Count == 0 ? null
        : m.Status.Value.StartsWith("UNSUPPORTED_", StringComparison.Ordinal) && m.Details.All(d => d.Name.StartsWith("SUPPORTED_", StringComparison.Ordinal))
            ? string.Join(' ', m.Details.Select(d => d.Value))
            : throw XmlWriting.NotIn(TaxiiVersion.V10, $"{m.Status} Status_Detail items (set DetailText)");
}

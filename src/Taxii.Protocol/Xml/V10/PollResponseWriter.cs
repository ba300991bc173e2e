using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Writes a TAXII 1.0 Poll_Response's start and header; the caller writes the blocks and the end tag.</summary>
internal static class PollResponseWriter
{
    public static void WriteStart(XmlWriter w, PollResponseHeader h)
    {
        if (h.More || h.ResultId is not null || h.ResultPartNumber != 1 || h.ExclusiveBeginTimestamp is not null || h.RecordCount is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10,
                "a Poll_Response with more, result_id, result_part_number, Exclusive_Begin_Timestamp or Record_Count");
        }

        var end = h.InclusiveEndTimestamp
            ?? throw XmlWriting.Unexpressible("a TAXII 1.0 Poll_Response requires Inclusive_End_Timestamp");
        CommonWriter.Start(w, "Poll_Response", h.MessageId, h.ExtendedHeaders, a =>
        {
            CommonWriter.InResponseTo(a, h.InResponseTo);
            a.WriteAttributeString("feed_name", h.CollectionName);
            a.Attribute("subscription_id", h.SubscriptionId);
        });
        w.Text(Names.Ns, "Message", h.Message);
        w.Timestamp(Names.Ns, "Inclusive_Begin_Timestamp", h.InclusiveBeginTimestamp);
        w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", end);
    }
}

using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>Writes a Poll_Response's start and header; the caller writes the blocks and the end tag.</summary>
internal static class PollResponseWriter
{
    public static void WriteStart(XmlWriter w, PollResponseHeader h)
    {
        if (h.More && string.IsNullOrEmpty(h.ResultId))
        {
            throw XmlWriting.Unexpressible("a Poll_Response with more=true needs a result_id");
        }

        if (h.InclusiveBeginTimestamp is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V11, "Inclusive_Begin_Timestamp (use ExclusiveBeginTimestamp)");
        }

        if (h.ResultPartNumber < 1)
        {
            throw XmlWriting.Unexpressible("result_part_number must be positive");
        }

        CommonWriter.Start(w, "Poll_Response", h.MessageId, h.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("in_response_to", h.InResponseTo);
            a.WriteAttributeString("collection_name", h.CollectionName);
            a.WriteAttributeString("more", h.More ? "true" : "false");
            a.Attribute("result_id", h.ResultId);
            a.Attribute("result_part_number", h.ResultPartNumber);
        });
        w.Text(Names.Ns, "Subscription_ID", h.SubscriptionId);
        w.Timestamp(Names.Ns, "Exclusive_Begin_Timestamp", h.ExclusiveBeginTimestamp);
        w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", h.InclusiveEndTimestamp);
        CommonWriter.RecordCount(w, h.RecordCount);
        w.Text(Names.Ns, "Message", h.Message);
    }
}

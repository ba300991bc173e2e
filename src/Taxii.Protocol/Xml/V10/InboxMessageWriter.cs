using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

/// <summary>Writes a TAXII 1.0 Inbox_Message's start and every field before the blocks.</summary>
internal static class InboxMessageWriter
{
    public static void WriteStart(XmlWriter w, InboxMessage m)
    {
        if (m.ResultId is not null || m.DestinationCollectionNames.Count > 0 || m.RecordCount is not null)
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, "an Inbox_Message with result_id, Destination_Collection_Name or Record_Count");
        }

        CommonWriter.Start(w, "Inbox_Message", m.MessageId, m.ExtendedHeaders);
        w.Text(Names.Ns, "Message", m.Message);
        if (m.SourceSubscription is { } s)
        {
            if (s.ExclusiveBeginTimestamp is not null)
            {
                throw XmlWriting.NotIn(TaxiiVersion.V10, "Source_Subscription Exclusive_Begin_Timestamp");
            }

            var end = s.InclusiveEndTimestamp
                ?? throw XmlWriting.Unexpressible("a TAXII 1.0 Source_Subscription requires Inclusive_End_Timestamp");
            w.Start(Names.Ns, "Source_Subscription");
            w.WriteAttributeString("feed_name", s.CollectionName);
            w.Attribute("subscription_id", s.SubscriptionId);
            w.Timestamp(Names.Ns, "Inclusive_Begin_Timestamp", s.InclusiveBeginTimestamp);
            w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", end);
            w.WriteEndElement();
        }
    }
}

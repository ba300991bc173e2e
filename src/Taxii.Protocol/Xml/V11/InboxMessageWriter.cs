using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

/// <summary>Writes an Inbox_Message's start and every field before the blocks.</summary>
internal static class InboxMessageWriter
{
    public static void WriteStart(XmlWriter w, InboxMessage m)
    {
        CommonWriter.Start(w, "Inbox_Message", m.MessageId, m.ExtendedHeaders, a => a.Attribute("result_id", m.ResultId));
        w.Texts(Names.Ns, "Destination_Collection_Name", m.DestinationCollectionNames);
        w.Text(Names.Ns, "Message", m.Message);
        if (m.SourceSubscription is { } s)
        {
            if (s.SubscriptionId is null || s.InclusiveBeginTimestamp is not null)
            {
                throw XmlWriting.Unexpressible(
                    "a TAXII 1.1 Source_Subscription needs a Subscription_ID and has no Inclusive_Begin_Timestamp");
            }

            w.Start(Names.Ns, "Source_Subscription");
            w.WriteAttributeString("collection_name", s.CollectionName);
            w.Text(Names.Ns, "Subscription_ID", s.SubscriptionId);
            w.Timestamp(Names.Ns, "Exclusive_Begin_Timestamp", s.ExclusiveBeginTimestamp);
            w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", s.InclusiveEndTimestamp);
            w.WriteEndElement();
        }

        CommonWriter.RecordCount(w, m.RecordCount);
    }
}

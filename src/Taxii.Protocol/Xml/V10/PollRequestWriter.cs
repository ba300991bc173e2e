using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V10;

internal static class PollRequestWriter
{
    public static void Write(XmlWriter w, PollRequest m)
    {
        if (m.PollParameters is { } p
            && (p.AllowAsynch || p.ResponseType != ResponseType.Full || p.Query is not null || p.DeliveryParameters is not null))
        {
            throw XmlWriting.NotIn(TaxiiVersion.V10, "Poll_Parameters other than content bindings");
        }

        CommonWriter.Start(w, "Poll_Request", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("feed_name", m.CollectionName);
            a.Attribute("subscription_id", m.SubscriptionId);
        });
        w.Timestamp(Names.Ns, "Exclusive_Begin_Timestamp", m.ExclusiveBeginTimestamp);
        w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", m.InclusiveEndTimestamp);
        CommonWriter.ContentBindings(w, m.PollParameters?.ContentBindings ?? []);
        w.WriteEndElement();
    }
}

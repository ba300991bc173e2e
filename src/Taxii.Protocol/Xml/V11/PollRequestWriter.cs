using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class PollRequestWriter
{
    public static void Write(XmlWriter w, PollRequest m)
    {
        if ((m.SubscriptionId is null) == (m.PollParameters is null))
        {
            throw XmlWriting.Unexpressible("a TAXII 1.1 Poll_Request carries exactly one of Subscription_ID and Poll_Parameters");
        }

        CommonWriter.Start(w, "Poll_Request", m.MessageId, m.ExtendedHeaders,
            a => a.WriteAttributeString("collection_name", m.CollectionName));
        w.Timestamp(Names.Ns, "Exclusive_Begin_Timestamp", m.ExclusiveBeginTimestamp);
        w.Timestamp(Names.Ns, "Inclusive_End_Timestamp", m.InclusiveEndTimestamp);
        w.Text(Names.Ns, "Subscription_ID", m.SubscriptionId);
        if (m.PollParameters is { } p)
        {
            w.Start(Names.Ns, "Poll_Parameters");
            w.WriteAttributeString("allow_asynch", p.AllowAsynch ? "true" : "false");
            CommonWriter.ResponseType(w, p.ResponseType);
            CommonWriter.ContentBindings(w, p.ContentBindings);
            CommonWriter.Query(w, p.Query);
            CommonWriter.PushParameters(w, "Delivery_Parameters", p.DeliveryParameters);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}

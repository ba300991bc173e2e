using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml.V11;

internal static class SubscriptionManagementRequestWriter
{
    public static void Write(XmlWriter w, SubscriptionManagementRequest m)
    {
        CommonWriter.Start(w, "Subscription_Management_Request", m.MessageId, m.ExtendedHeaders, a =>
        {
            a.WriteAttributeString("action", SubscriptionManagementRequestReader.ActionName(m.Action));
            a.WriteAttributeString("collection_name", m.CollectionName);
        });
        w.Text(Names.Ns, "Subscription_ID", m.SubscriptionId);
        CommonWriter.SubscriptionParameters(w, m.SubscriptionParameters);
        CommonWriter.PushParameters(w, "Push_Parameters", m.PushParameters);
        w.WriteEndElement();
    }
}

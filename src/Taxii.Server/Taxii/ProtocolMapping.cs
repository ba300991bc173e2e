using Taxii.Protocol.Messages;
using CoreServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Taxii;

/// <summary>Core's names for TAXII things and the protocol library's, one to one.</summary>
internal static class ProtocolMapping
{
    public static ServiceType ToProtocol(this CoreServiceType type) => type switch
    {
        CoreServiceType.Discovery => ServiceType.Discovery,
        CoreServiceType.CollectionManagement => ServiceType.CollectionManagement,
        CoreServiceType.Inbox => ServiceType.Inbox,
        CoreServiceType.Poll => ServiceType.Poll,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static CollectionType ToProtocol(this Core.Collections.CollectionType type) =>
        type == Core.Collections.CollectionType.DataSet ? CollectionType.DataSet : CollectionType.DataFeed;

    public static string VersionName(this TaxiiVersion version) => version == TaxiiVersion.V10 ? "1.0" : "1.1";
}

using Taxii.Protocol.Messages;
using ServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>How the UI names service types and TAXII versions.</summary>
internal static class ServiceLabels
{
    /// <summary>Every service answers in every version the protocol library speaks (discovery lists it in each).</summary>
    public static string Versions { get; } = string.Join(", ", Enum.GetValues<TaxiiVersion>().Select(Version));

    public static string Version(TaxiiVersion version) => version == TaxiiVersion.V10 ? "1.0" : "1.1";

    public static string Type(ServiceType type) => type switch
    {
        ServiceType.Discovery => "Discovery",
        ServiceType.CollectionManagement => "Collection management",
        ServiceType.Inbox => "Inbox",
        ServiceType.Poll => "Poll",
        _ => type.ToString(),
    };

    public static string YesNo(bool value) => value ? "Yes" : "No";
}

namespace Taxii.Core.Security;

/// <summary>Permissions are named after a resource and an action, e.g. <c>read outgoing-feeds</c>.</summary>
public static class Permissions
{
    public const string ReadOutgoingFeeds = "read outgoing-feeds";
    public const string ModifyOutgoingFeeds = "modify outgoing-feeds";
    public const string ReadIncomingFeeds = "read incoming-feeds";
    public const string ModifyIncomingFeeds = "modify incoming-feeds";
    public const string ReadTaxiiServices = "read taxii-services";
    public const string ModifyTaxiiServices = "modify taxii-services";
    public const string ReadDatasets = "read datasets";
    public const string ModifyDatasets = "modify datasets";
    public const string ReadUsers = "read users";
    public const string ModifyUsers = "modify users";

    public static IReadOnlyList<string> All { get; } =
    [
        ReadOutgoingFeeds, ModifyOutgoingFeeds, ReadIncomingFeeds, ModifyIncomingFeeds,
        ReadTaxiiServices, ModifyTaxiiServices, ReadDatasets, ModifyDatasets, ReadUsers, ModifyUsers,
    ];
}

using System.Net;
using System.Net.Sockets;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;

namespace Taxii.Server.Tests.Taxii;

/// <summary>Subscription_Management_Requests for tests.</summary>
internal static class Subscriptions
{
    public const string Cm = "/taxii-collection-management-service/";

    /// <summary>Blocks whose Title contains "wanted".</summary>
    public static TaxiiQuery WantedTitles { get; } = new(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(new DefaultQuery(
        TargetingExpressionIds.Stix12,
        new Criteria(CriteriaOperator.And,
            new Criterion("**/Title", new CriterionTest(CapabilityModules.Core, Relationships.Contains, (TestParameters.Value, "wanted")))))));

    public static SubscriptionManagementRequest Subscribe(
        string collection, SubscriptionParameters? parameters = null, PushParameters? push = null) =>
        new(MessageIds.New(), SubscriptionAction.Subscribe, collection)
        {
            SubscriptionParameters = parameters ?? new SubscriptionParameters(),
            PushParameters = push,
        };

    public static SubscriptionManagementRequest Act(SubscriptionAction action, string collection, string? id) =>
        new(MessageIds.New(), action, collection) { SubscriptionId = id };

    /// <summary>A loopback port nothing listens on: a subscriber's server that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

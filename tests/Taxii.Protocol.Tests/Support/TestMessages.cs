using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Tests.Support;

/// <summary>One fully populated message of every type, for each version (only the fields that version carries).</summary>
internal static class TestMessages
{
    public const string DefaultQuery =
        "<tdq:Default_Query xmlns:tdq=\"http://taxii.mitre.org/query/taxii_default_query-1\" targeting_expression_id=\"urn:stix.mitre.org:xml:1.1.1\">"
        + "<tdq:Criteria operator=\"AND\"><tdq:Criterion negate=\"false\"><tdq:Target>STIX_Package/Indicators/Indicator/@id</tdq:Target>"
        + "<tdq:Test capability_id=\"urn:taxii.mitre.org:query:capability:core-1\" relationship=\"equals\">"
        + "<tdq:Parameter name=\"value\">example:Indicator-1</tdq:Parameter>"
        + "<tdq:Parameter name=\"match_type\">case_sensitive_string</tdq:Parameter></tdq:Test></tdq:Criterion></tdq:Criteria>"
        + "</tdq:Default_Query>";

    public const string DefaultQueryInfo =
        "<tdq:Default_Query_Info xmlns:tdq=\"http://taxii.mitre.org/query/taxii_default_query-1\">"
        + "<tdq:Targeting_Expression_Info targeting_expression_id=\"urn:stix.mitre.org:xml:1.1.1\"><tdq:Preferred_Scope>**</tdq:Preferred_Scope>"
        + "</tdq:Targeting_Expression_Info><tdq:Capability_Module>urn:taxii.mitre.org:query:capability:core-1</tdq:Capability_Module>"
        + "</tdq:Default_Query_Info>";

    public const string Stix =
        "<stix:STIX_Package xmlns:example=\"http://example.com\" xmlns:stix=\"http://stix.mitre.org/stix-1\" id=\"example:Package-1\" version=\"1.1.1\">"
        + "<!-- a comment --><stix:STIX_Header><stix:Title>Title &amp; more</stix:Title></stix:STIX_Header></stix:STIX_Package>";

    public static readonly DateTimeOffset T1 = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T2 = new DateTimeOffset(2014, 1, 2, 12, 30, 0, TimeSpan.Zero).AddTicks(1234560);

    public static IEnumerable<string> Names(TaxiiVersion version) => All(version).Select(m => m.Key);

    /// <summary>Every message's name with each version, as theory data.</summary>
    public static TheoryData<string, TaxiiVersion> Cases()
    {
        var data = new TheoryData<string, TaxiiVersion>();
        foreach (var version in new[] { TaxiiVersion.V11, TaxiiVersion.V10 })
        {
            foreach (var name in Names(version))
            {
                data.Add(name, version);
            }
        }

        return data;
    }

    public static ITaxiiMessage Get(string name, TaxiiVersion version) => All(version)[name];

    public static Dictionary<string, ITaxiiMessage> All(TaxiiVersion version) =>
        version == TaxiiVersion.V11 ? V11() : V10();

    private static IReadOnlyList<ExtendedHeader> Headers =>
    [
        new("urn:example:header:text", TaxiiContent.FromText("a value")),
        new("urn:example:header:xml", TaxiiContent.FromXml("<h:x xmlns:h=\"urn:example:h\">1</h:x>")),
    ];

    private static ServiceEndpoint Endpoint(string path) =>
        new(ProtocolBindingIds.Https10, "https://taxii.example.com/" + path, [MessageBindingIds.Xml11]);

    private static ContentBlock Block(bool v11, int i) => new(
        new ContentBinding(ContentBindingIds.Stix111) { Subtypes = v11 ? ["urn:example:subtype"] : [] },
        i % 2 == 0 ? TaxiiContent.FromXml(Stix) : TaxiiContent.FromText("{\"json\": \"exact\\r\\n <&> \"}"))
    {
        TimestampLabel = T2.AddSeconds(i),
        Message = v11 ? "block message" : null,
        Padding = "padding",
    };

    private static Dictionary<string, ITaxiiMessage> V11()
    {
        var subscriptionParameters = new SubscriptionParameters
        {
            ResponseType = ResponseType.CountOnly,
            ContentBindings = [new ContentBinding(ContentBindingIds.Stix111) { Subtypes = ["urn:a", "urn:b"] }],
            Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQuery),
        };
        var push = new PushParameters(ProtocolBindingIds.Https10, "https://client.example.com/inbox", MessageBindingIds.Xml11);
        return new()
        {
            ["Status_Message"] = new StatusMessage("1001", "urn:request:1", StatusType.Pending)
            {
                ExtendedHeaders = Headers,
                Details =
                [
                    new(StatusDetailNames.EstimatedWait, "30"), new(StatusDetailNames.ResultId, "urn:result:1"),
                    new(StatusDetailNames.WillPush, "false"),
                ],
                Message = "Result set is being generated",
            },
            ["Discovery_Request"] = new DiscoveryRequest("urn:uuid:1") { ExtendedHeaders = Headers },
            ["Discovery_Response"] = new DiscoveryResponse("2", "urn:uuid:1")
            {
                ExtendedHeaders = Headers,
                ServiceInstances =
                [
                    new ServiceInstance(ServiceType.Poll, ServicesIds.V11, ProtocolBindingIds.Https10, "https://t/poll",
                        [MessageBindingIds.Xml11, MessageBindingIds.Xml10])
                    {
                        Available = true,
                        SupportedQueries = [new SupportedQuery(QueryFormatIds.DefaultQuery10, DefaultQueryInfo), new SupportedQuery("urn:example:q", null)],
                        Message = "poll here",
                    },
                    new ServiceInstance(ServiceType.Inbox, ServicesIds.V11, ProtocolBindingIds.Http10, "http://t/inbox", [MessageBindingIds.Xml11])
                    {
                        ContentBindings = [new ContentBinding(ContentBindingIds.Stix12), new ContentBinding(ContentBindingIds.Stix111) { Subtypes = ["urn:s"] }],
                    },
                    new ServiceInstance(ServiceType.CollectionManagement, ServicesIds.V11, ProtocolBindingIds.Http10, "http://t/cm", [MessageBindingIds.Xml11]),
                    new ServiceInstance(ServiceType.Discovery, ServicesIds.V11, ProtocolBindingIds.Http10, "http://t/d", [MessageBindingIds.Xml11]) { Available = false },
                ],
            },
            ["Collection_Information_Request"] = new CollectionInformationRequest("3"),
            ["Collection_Information_Response"] = new CollectionInformationResponse("4", "3")
            {
                Collections =
                [
                    new CollectionRecord("default", "The default collection")
                    {
                        Type = CollectionType.DataSet,
                        Available = true,
                        Volume = 42,
                        ContentBindings = [new ContentBinding(ContentBindingIds.Stix111)],
                        PushMethods = [new PushMethod(ProtocolBindingIds.Https10, [MessageBindingIds.Xml11])],
                        PollingServices = [Endpoint("poll")],
                        SubscriptionServices = [Endpoint("cm")],
                        ReceivingInboxServices =
                        [
                            new ReceivingInboxService(ProtocolBindingIds.Https10, "https://t/inbox", [MessageBindingIds.Xml11])
                            {
                                ContentBindings = [new ContentBinding(ContentBindingIds.Stix12)],
                            },
                        ],
                    },
                    new CollectionRecord("empty", string.Empty),
                ],
            },
            ["Subscription_Management_Request"] = new SubscriptionManagementRequest("5", SubscriptionAction.Subscribe, "default")
            {
                ExtendedHeaders = Headers,
                SubscriptionParameters = subscriptionParameters,
                PushParameters = push,
            },
            ["Subscription_Management_Response"] = new SubscriptionManagementResponse("6", "5", "default")
            {
                Message = "ok",
                Subscriptions =
                [
                    new SubscriptionInstance("urn:sub:1")
                    {
                        Status = SubscriptionStatus.Paused,
                        SubscriptionParameters = subscriptionParameters,
                        PushParameters = push,
                        PollInstances = [Endpoint("poll"), Endpoint("poll2")],
                    },
                    new SubscriptionInstance("urn:sub:2"),
                ],
            },
            ["Poll_Request"] = new PollRequest("7", "default")
            {
                ExtendedHeaders = Headers,
                ExclusiveBeginTimestamp = T1,
                InclusiveEndTimestamp = T2,
                PollParameters = new PollParameters
                {
                    AllowAsynch = true,
                    ResponseType = ResponseType.Full,
                    ContentBindings = [new ContentBinding(ContentBindingIds.Stix111)],
                    Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQuery),
                    DeliveryParameters = push,
                },
            },
            ["Poll_Request (subscription)"] = new PollRequest("8", "default") { SubscriptionId = "urn:sub:1" },
            ["Poll_Response"] = new PollResponse(new PollResponseHeader("9", "7", "default")
            {
                ExtendedHeaders = Headers,
                More = true,
                ResultId = "urn:result:1",
                ResultPartNumber = 2,
                SubscriptionId = "urn:sub:1",
                ExclusiveBeginTimestamp = T1,
                InclusiveEndTimestamp = T2,
                RecordCount = new RecordCount(10, PartialCount: true),
                Message = "part 2",
            })
            {
                ContentBlocks = [Block(true, 0), Block(true, 1), Block(true, 2)],
            },
            ["Poll_Fulfillment"] = new PollFulfillmentRequest("10", "default", "urn:result:1") { ResultPartNumber = 3, ExtendedHeaders = Headers },
            ["Inbox_Message"] = new InboxMessage("11")
            {
                ExtendedHeaders = Headers,
                ResultId = "urn:result:1",
                DestinationCollectionNames = ["default", "other"],
                Message = "pushed",
                SourceSubscription = new SourceSubscription("default", "urn:sub:1") { ExclusiveBeginTimestamp = T1, InclusiveEndTimestamp = T2 },
                RecordCount = new RecordCount(2),
                ContentBlocks = [Block(true, 0), Block(true, 1)],
            },
        };
    }

    private static Dictionary<string, ITaxiiMessage> V10()
    {
        var push = new PushParameters(ProtocolBindingIds.Https10, "https://client.example.com/inbox", MessageBindingIds.Xml10)
        {
            ContentBindings = [ContentBindingIds.Stix10, ContentBindingIds.Stix101],
        };
        var endpoint = new ServiceEndpoint(ProtocolBindingIds.Http10, "http://t/poll", [MessageBindingIds.Xml10]);
        return new()
        {
            ["Status_Message"] = new StatusMessage("1001", "1000", StatusType.UnsupportedContent)
            {
                ExtendedHeaders = Headers,
                DetailText = ContentBindingIds.Stix10 + " " + ContentBindingIds.Stix101,
                Message = "try these",
            },
            ["Discovery_Request"] = new DiscoveryRequest("1") { ExtendedHeaders = Headers },
            ["Discovery_Response"] = new DiscoveryResponse("2", "1")
            {
                ServiceInstances =
                [
                    new ServiceInstance(ServiceType.Inbox, ServicesIds.V10, ProtocolBindingIds.Http10, "http://t/inbox", [MessageBindingIds.Xml10])
                    {
                        Available = true,
                        ContentBindings = [new ContentBinding(ContentBindingIds.Stix10)],
                        Message = "inbox",
                    },
                    new ServiceInstance(ServiceType.CollectionManagement, ServicesIds.V10, ProtocolBindingIds.Http10, "http://t/fm", [MessageBindingIds.Xml10]),
                ],
            },
            ["Collection_Information_Request"] = new CollectionInformationRequest("3"),
            ["Collection_Information_Response"] = new CollectionInformationResponse("4", "3")
            {
                Collections =
                [
                    new CollectionRecord("default", "The default feed")
                    {
                        Available = false,
                        ContentBindings = [new ContentBinding(ContentBindingIds.Stix10)],
                        PushMethods = [new PushMethod(ProtocolBindingIds.Http10, [MessageBindingIds.Xml10])],
                        PollingServices = [endpoint],
                        SubscriptionServices = [endpoint],
                    },
                    new CollectionRecord("poll-only", "d") { ContentBindings = [new ContentBinding(ContentBindingIds.Stix101)], PollingServices = [endpoint] },
                ],
            },
            ["Subscription_Management_Request"] = new SubscriptionManagementRequest("5", SubscriptionAction.Subscribe, "default")
            {
                ExtendedHeaders = Headers,
                PushParameters = push,
            },
            ["Subscription_Management_Request (unsubscribe)"] =
                new SubscriptionManagementRequest("55", SubscriptionAction.Unsubscribe, "default") { SubscriptionId = "urn:sub:1" },
            ["Subscription_Management_Request (status of one)"] =
                new SubscriptionManagementRequest("56", SubscriptionAction.Status, "default") { SubscriptionId = "urn:sub:1" },
            ["Subscription_Management_Response"] = new SubscriptionManagementResponse("6", "5", "default")
            {
                Message = "ok",
                Subscriptions = [new SubscriptionInstance("urn:sub:1") { PushParameters = push, PollInstances = [endpoint] }],
            },
            ["Poll_Request"] = new PollRequest("7", "default")
            {
                ExclusiveBeginTimestamp = T1,
                InclusiveEndTimestamp = T2,
                PollParameters = new PollParameters { ContentBindings = [new ContentBinding(ContentBindingIds.Stix10)] },
            },
            ["Poll_Request (subscription)"] = new PollRequest("8", "default") { SubscriptionId = "urn:sub:1" },
            ["Poll_Response"] = new PollResponse(new PollResponseHeader("9", "7", "default")
            {
                ExtendedHeaders = Headers,
                SubscriptionId = "urn:sub:1",
                Message = "here",
                InclusiveBeginTimestamp = T1,
                InclusiveEndTimestamp = T2,
            })
            {
                ContentBlocks = [Block(false, 0), Block(false, 1)],
            },
            ["Inbox_Message"] = new InboxMessage("11")
            {
                Message = "pushed",
                SourceSubscription = new SourceSubscription("default", "urn:sub:1") { InclusiveBeginTimestamp = T1, InclusiveEndTimestamp = T2 },
                ContentBlocks = [Block(false, 0), Block(false, 1)],
            },
        };
    }
}

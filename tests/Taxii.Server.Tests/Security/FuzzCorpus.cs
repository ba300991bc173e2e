using System.Text;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Query;
using Taxii.Protocol.Xml;
using Taxii.Testing;

namespace Taxii.Server.Tests.Security;

/// <summary>
/// Valid messages to mutate: every shared TAXII sample (requests and responses, both versions) and every request
/// type written by our own codec in both versions, aimed at a collection that exists so they reach the handlers.
/// </summary>
internal static class FuzzCorpus
{
    public const string Collection = "fuzz";

    /// <summary>Sends subscription pushes to a closed loopback port should a mutation ever get one past the delivery schedule.</summary>
    public const string PushAddress = "http://127.0.0.1:9/inbox";

    public static async Task<IReadOnlyList<byte[]>> LoadAsync(CancellationToken cancellationToken)
    {
        var messages = new List<byte[]>();
        foreach (var file in Directory.GetFiles(ReferenceMaterial.Require("samples/taxii"), "*.xml").Order(StringComparer.Ordinal))
        {
            messages.Add(await File.ReadAllBytesAsync(file, cancellationToken));
        }

        foreach (var version in RawTaxii.Versions)
        {
            foreach (var message in Requests(version))
            {
                using var body = new MemoryStream();
                try
                {
                    await TaxiiMessageWriter.WriteAsync(body, message, version, cancellationToken);
                }
                catch (NotSupportedException)
                {
                    continue; // the version cannot express it (a Poll_Fulfillment in 1.0)
                }

                messages.Add(body.ToArray());
            }
        }

        return messages;
    }

    /// <summary>Which service a message is meant for, by its root element.</summary>
    public static string ServiceFor(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        return text switch
        {
            _ when text.Contains("Discovery_Re", StringComparison.Ordinal) => RawTaxii.Discovery,
            _ when text.Contains("Inbox_Message", StringComparison.Ordinal) => RawTaxii.Inbox,
            _ when text.Contains("Poll_", StringComparison.Ordinal) => RawTaxii.Poll,
            _ => RawTaxii.CollectionManagement,
        };
    }

    public static TaxiiVersion VersionOf(byte[] message) =>
        Encoding.UTF8.GetString(message).Contains("taxii_xml_binding-1.1", StringComparison.Ordinal) ? TaxiiVersion.V11 : TaxiiVersion.V10;

    private static IEnumerable<ITaxiiMessage> Requests(TaxiiVersion version)
    {
        var id = version == TaxiiVersion.V10 ? "4242" : "fuzz-1";
        var begin = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var stix = "<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\" id=\"example:Package-1\" version=\"1.2\"><stix:STIX_Header><stix:Title>fuzz</stix:Title></stix:STIX_Header></stix:STIX_Package>";
        var query = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And,
            new Criterion("**/Address_Value", new CriterionTest(CapabilityModules.Core, Relationships.Contains, (TestParameters.Value, "10.0.0.1")))));
        var push = new PushParameters(ProtocolBindingIds.Http10, PushAddress, MessageBindingIds.For(version)) { ContentBindings = [ContentBindingIds.Stix12] };
        var header = new ExtendedHeader("urn:example:header", TaxiiContent.FromText("value"));

        yield return new DiscoveryRequest(id) { ExtendedHeaders = [header] };
        yield return new CollectionInformationRequest(id);
        yield return new PollRequest(id, Collection)
        {
            ExclusiveBeginTimestamp = begin,
            InclusiveEndTimestamp = begin.AddYears(20),
            PollParameters = new PollParameters
            {
                ResponseType = ResponseType.Full,
                ContentBindings = [new ContentBinding(ContentBindingIds.Stix12)],
                Query = new TaxiiQuery(QueryFormatIds.DefaultQuery10, DefaultQueryXml.ToXml(query)),
            },
        };
        yield return new PollRequest(id, Collection) { PollParameters = new PollParameters { ResponseType = ResponseType.CountOnly } };
        yield return new PollFulfillmentRequest(id, Collection, "result-1") { ResultPartNumber = 2 };
        foreach (var action in Enum.GetValues<SubscriptionAction>())
        {
            yield return new SubscriptionManagementRequest(id, action, Collection)
            {
                SubscriptionId = action == SubscriptionAction.Subscribe ? null : "00000000-0000-0000-0000-000000000001",
                SubscriptionParameters = action == SubscriptionAction.Subscribe
                    ? new SubscriptionParameters { ContentBindings = [new ContentBinding(ContentBindingIds.Stix12)] }
                    : null,
                PushParameters = action == SubscriptionAction.Subscribe ? push : null,
            };
        }

        yield return new InboxMessage(id)
        {
            DestinationCollectionNames = version == TaxiiVersion.V11 ? [Collection] : [],
            Message = "fuzz",
            RecordCount = version == TaxiiVersion.V11 ? new RecordCount(2, PartialCount: true) : null,
            SourceSubscription = version == TaxiiVersion.V10 ? new SourceSubscription(Collection, "1") { InclusiveEndTimestamp = begin } : null,
            ContentBlocks =
            [
                new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(stix)) { TimestampLabel = begin, Padding = "pad" },
                new ContentBlock(new ContentBinding(ContentBindingIds.EclecticIqJson10), TaxiiContent.FromText("{\"a\": [1, 2]}")),
            ],
        };
    }
}

using System.Xml;
using FluentAssertions;
using Taxii.Protocol.Query;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Query;

/// <summary>The default-query samples listed in shared/samples/taxii/MANIFEST.tsv, as real clients wrote them.</summary>
public sealed class DefaultQuerySampleTests
{
    [Fact]
    public async Task File_hash_reputation_poll_request_query_parses()
    {
        var queries = await ExtractAsync("1.1_taxiisite_file-hash-rep-poll-request.xml", "Default_Query");

        var query = DefaultQueryXml.Parse(DefaultQueryNames.FormatId, queries.Should().ContainSingle().Subject);

        query.TargetingExpressionId.Should().Be(TargetingExpressionIds.Stix111);
        var criterion = query.Criteria.Criterion.Should().ContainSingle().Subject;
        criterion.Target.Should().Be("**/Simple_Hash_Value");
        criterion.Negate.Should().BeFalse();
        criterion.Test.CapabilityId.Should().Be(CapabilityModules.Core);
        criterion.Test.Relationship.Should().Be(Relationships.Equal);
        criterion.Test.GetParameter(TestParameters.MatchType).Should().Be(TestParameters.CaseInsensitiveString);
        criterion.Test.GetParameter(TestParameters.Value).Should().Be("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    [Fact]
    public async Task File_hash_reputation_discovery_response_query_info_parses_and_round_trips()
    {
        var infos = await ExtractAsync("1.1_taxiisite_file-hash-rep-discovery-response.xml", "Default_Query_Info");

        var info = DefaultQueryXml.ParseInfo(infos.Should().ContainSingle().Subject);

        info.Should().BeEquivalentTo(new DefaultQueryInfo(
            [new TargetingExpressionInfo(TargetingExpressionIds.Stix111, ["**/Simple_Hash_Value"], [])],
            [CapabilityModules.Core]));
        TdqSchema.ShouldBeValid(DefaultQueryXml.ToXml(info));
    }

    [Fact]
    public async Task Libtaxii_subscription_request_query_parses_with_nesting_in_document_order()
    {
        var queries = await ExtractAsync("1.1_libtaxii_input-Subscription_Management_Request.xml", "Default_Query");

        var query = DefaultQueryXml.Parse(queries.Should().ContainSingle().Subject);

        query.TargetingExpressionId.Should().Be(TargetingExpressionIds.Stix11);
        query.Criteria.Operator.Should().Be(CriteriaOperator.And);
        query.Criteria.Criterion.Select(c => c.Target).Should().Equal("**", "**/Description");
        var nested = query.Criteria.NestedCriteria.Should().ContainSingle().Subject;
        nested.Operator.Should().Be(CriteriaOperator.Or);
        nested.Criterion.Select(c => c.Test.CapabilityId).Should().Equal(
            CapabilityModules.Core, CapabilityModules.Regex, CapabilityModules.Timestamp);
        TdqSchema.ShouldBeValid(DefaultQueryXml.ToXml(query));
    }

    [Fact]
    public async Task Libtaxii_subscription_response_queries_parse()
    {
        var queries = await ExtractAsync("1.1_libtaxii_input-Subscription_Management_Response.xml", "Default_Query");

        queries.Should().HaveCount(2);
        queries.Select(DefaultQueryXml.Parse).Should().AllSatisfy(q =>
            q.Criteria.Criterion.Should().ContainSingle().Which.Test.GetParameter(TestParameters.Value).Should().Be("Test value"));
    }

    [Fact]
    public async Task Libtaxii_timestamp_value_that_is_not_rfc3339_parses_but_does_not_compile()
    {
        var queries = await ExtractAsync("1.1_libtaxii_input-Subscription_Management_Request.xml", "Default_Query");
        var query = DefaultQueryXml.Parse(queries[0]);

        var act = () => DefaultQueryEvaluator.Compile(query, TargetingExpressionIds.AllStix);

        act.Should().Throw<DefaultQueryException>()
            .Where(e => e.StatusType == DefaultQueryStatus.BadMessage && e.Message.Contains("Tue Oct 21 15:34:33 EDT 2014"));
    }

    /// <summary>The outer XML of every tdq element named <paramref name="localName"/> in a sample message.</summary>
    private static async Task<List<string>> ExtractAsync(string sample, string localName)
    {
        var text = await File.ReadAllTextAsync(
            ReferenceMaterial.Require("samples/taxii/" + sample), TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var found = new List<string>();
        while (reader.ReadToFollowing(localName, DefaultQueryNames.Namespace))
        {
            // ReadOuterXml declares the in-scope namespaces, as the protocol model's TaxiiQuery.Xml does
            found.Add(reader.ReadOuterXml());
        }

        return found;
    }
}

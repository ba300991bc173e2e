using FluentAssertions;
using FluentAssertions.Specialized;
using Taxii.Protocol.Query;
using Xunit;
using static Taxii.Protocol.Tests.Query.Stix;
using P = Taxii.Protocol.Query.TestParameters;
using R = Taxii.Protocol.Query.Relationships;
using S = Taxii.Protocol.Query.DefaultQueryStatus;

namespace Taxii.Protocol.Tests.Query;

/// <summary>Malformed or unsupported queries are refused with the status a Status_Message needs.</summary>
public sealed class DefaultQueryRefusalTests
{
    private const string Tdq = "xmlns:tdq=\"http://taxii.mitre.org/query/taxii_default_query-1\"";

    private const string Criterion = """
        <tdq:Criterion><tdq:Target>**</tdq:Target>
        <tdq:Test capability_id="urn:taxii.mitre.org:query:capability:core-1" relationship="exists"/></tdq:Criterion>
        """;

    [Theory]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\">", "not well-formed")]
    [InlineData($"<tdq:Default_Query {Tdq}><tdq:Criteria operator=\"AND\">{Criterion}</tdq:Criteria></tdq:Default_Query>", "targeting_expression_id is required")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"/>", "must contain one Criteria")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria>{Criterion}</tdq:Criteria></tdq:Default_Query>", "operator is required")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"and\">{Criterion}</tdq:Criteria></tdq:Default_Query>", "AND or OR")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\"/></tdq:Default_Query>", "at least one")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\"><tdq:Criterion><tdq:Target>**</tdq:Target></tdq:Criterion></tdq:Criteria></tdq:Default_Query>", "Test after its Target")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\"><tdq:Foo/></tdq:Criteria></tdq:Default_Query>", "Foo")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\">text</tdq:Criteria></tdq:Default_Query>", "Unexpected text")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\"><tdq:Criterion negate=\"yes\"><tdq:Target>**</tdq:Target></tdq:Criterion></tdq:Criteria></tdq:Default_Query>", "xs:boolean")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\">{Criterion}</tdq:Criteria><tdq:Criteria operator=\"AND\">{Criterion}</tdq:Criteria></tdq:Default_Query>", "at the end of Default_Query")]
    [InlineData($"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\"><tdq:Criteria operator=\"AND\">{Criterion}</tdq:Criteria></tdq:Default_Query><again/>", "not well-formed")]
    [InlineData($"<!DOCTYPE x [<!ENTITY e \"x\">]><tdq:Default_Query {Tdq} targeting_expression_id=\"&e;\"/>", "not well-formed")]
    [InlineData($"<tdq:Default_Queries {Tdq}/>", "Expected tdq:Default_Query")]
    public void Malformed_query_is_bad_message(string xml, string reason)
    {
        var act = () => DefaultQueryXml.Parse(xml);

        act.Should().Throw<DefaultQueryException>()
            .Where(e => e.StatusType == S.BadMessage && e.Details.Count == 0)
            .WithMessage($"*{reason}*");
    }

    [Fact]
    public void Too_deep_nesting_is_bad_message()
    {
        var open = string.Concat(Enumerable.Repeat("<tdq:Criteria operator=\"OR\">", 40));
        var close = string.Concat(Enumerable.Repeat("</tdq:Criteria>", 40));
        var xml = $"<tdq:Default_Query {Tdq} targeting_expression_id=\"x\">{open}{Criterion}{close}</tdq:Default_Query>";

        ExpectStatus(() => DefaultQueryXml.Parse(xml), S.BadMessage).WithMessage("*deeper than 32*");
    }

    [Fact]
    public void Another_query_format_is_unsupported_query()
    {
        var byElement = ExpectStatus(() => DefaultQueryXml.Parse("<q:Query xmlns:q=\"urn:example:query\"/>"), S.UnsupportedQuery);
        var byFormatId = ExpectStatus(
            () => DefaultQueryXml.Parse("urn:example:query:1.0", DefaultQueryXml.ToXml(QueryExamples.Rich)), S.UnsupportedQuery);

        byElement.Which.Details[S.SupportedQueryDetail].Should().Equal(DefaultQueryNames.FormatId);
        byFormatId.Which.Details[S.SupportedQueryDetail].Should().Equal(DefaultQueryNames.FormatId);
    }

    [Fact]
    public void Unknown_capability_module_lists_the_supported_ones()
    {
        var query = Query(Criterion("**", "urn:example:capability:geo-1", "near"));

        var e = ExpectStatus(() => DefaultQueryEvaluator.Compile(query, TargetingExpressionIds.AllStix), S.UnsupportedCapabilityModule);

        e.Which.Details[S.CapabilityModuleDetail].Should().Equal(
            CapabilityModules.Core, CapabilityModules.Regex, CapabilityModules.Timestamp);
    }

    [Fact]
    public void Module_not_advertised_in_the_query_info_is_unsupported()
    {
        var info = new DefaultQueryInfo([new TargetingExpressionInfo(TargetingExpressionIds.Stix111, [], ["**"])], [CapabilityModules.Core]);
        var query = Query(Criterion("**", CapabilityModules.Regex, R.Matches, (P.Value, "x")));

        var e = ExpectStatus(() => DefaultQueryEvaluator.Compile(query, info), S.UnsupportedCapabilityModule);

        e.Which.Details[S.CapabilityModuleDetail].Should().Equal(CapabilityModules.Core);
    }

    [Fact]
    public void Unknown_vocabulary_is_unsupported_targeting_expression_id()
    {
        var query = new DefaultQuery("urn:example:vocabulary", new Criteria(CriteriaOperator.And, Core("**", R.Exists)));

        var e = ExpectStatus(
            () => DefaultQueryEvaluator.Compile(query, [TargetingExpressionIds.Stix111, TargetingExpressionIds.Stix12]),
            S.UnsupportedTargetingExpressionId);

        e.Which.Details[S.TargetingExpressionIdDetail].Should().Equal(TargetingExpressionIds.Stix111, TargetingExpressionIds.Stix12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("STIX_Package//Title")]
    [InlineData("/STIX_Package")]
    [InlineData("@id")]
    [InlineData("**/@id/Title")]
    [InlineData("STIX_Package/[1]")]
    public void Target_that_cannot_be_evaluated_is_unsupported_targeting_expression(string target)
    {
        var e = ExpectStatus(
            () => DefaultQueryEvaluator.Compile(Query(Core(target, R.Exists)), TargetingExpressionIds.AllStix),
            S.UnsupportedTargetingExpression);

        e.Which.Details.Should().ContainKey(S.AllowedScopeDetail).WhoseValue.Should().Equal("**");
    }

    [Theory]
    [InlineData("**/Simple_Hash_Value", true)]
    [InlineData("STIX_Package/Indicators/**/Simple_Hash_Value", true)]
    [InlineData("STIX_Package/Indicators/Indicator/Title", true)]
    [InlineData("STIX_Package/Indicators/*/Title", true)]
    [InlineData("STIX_Package/Indicators/**", false)]
    [InlineData("**/Title", false)]
    [InlineData("**/@id", false)]
    [InlineData("STIX_Package/TTPs/TTP/Title", false)]
    public void Targets_outside_the_advertised_scopes_are_refused_with_the_scopes(string target, bool accepted)
    {
        var info = new DefaultQueryInfo(
            [new TargetingExpressionInfo(TargetingExpressionIds.Stix111, ["**/Simple_Hash_Value"], ["STIX_Package/Indicators/*/Title"])],
            [CapabilityModules.Core]);
        Action act = () => DefaultQueryEvaluator.Compile(Query(Core(target, R.Exists)), info);

        if (accepted)
        {
            act.Should().NotThrow();
            return;
        }

        var e = ExpectStatus(act, S.UnsupportedTargetingExpression);
        e.Which.Details.Keys.Should().Equal(S.PreferredScopeDetail, S.AllowedScopeDetail);
        e.Which.Details[S.PreferredScopeDetail].Should().Equal("**/Simple_Hash_Value");
        e.Which.Details[S.AllowedScopeDetail].Should().Equal("STIX_Package/Indicators/*/Title");
    }

    [Theory]
    [InlineData(CapabilityModules.Core, "near", new string[0], "not defined by the core")]
    [InlineData(CapabilityModules.Core, R.Equal, new[] { "value", "x" }, "needs the parameter 'match_type'")]
    [InlineData(CapabilityModules.Core, R.Equal, new[] { "value", "x", "match_type", "fuzzy" }, "match_type 'fuzzy'")]
    [InlineData(CapabilityModules.Core, R.Equal, new[] { "value", "x", "match_type", "number" }, "not a number")]
    [InlineData(CapabilityModules.Core, R.GreaterThan, new[] { "value", "ten" }, "not a number")]
    [InlineData(CapabilityModules.Core, R.Exists, new[] { "value", "x" }, "which takes none")]
    [InlineData(CapabilityModules.Core, R.Contains, new[] { "value", "x", "case_sensitive", "maybe" }, "xs:boolean")]
    [InlineData(CapabilityModules.Core, R.Contains, new[] { "value", "x", "value", "y" }, "given twice")]
    [InlineData(CapabilityModules.Regex, R.Equal, new[] { "value", "x" }, "only 'matches'")]
    [InlineData(CapabilityModules.Regex, R.Matches, new[] { "value", @"(a)\1" }, "not supported")]
    [InlineData(CapabilityModules.Regex, R.Matches, new[] { "value", "(" }, "not supported")]
    [InlineData(CapabilityModules.Timestamp, R.Contains, new[] { "value", "2014-01-01T00:00:00Z" }, "not defined by the timestamp")]
    [InlineData(CapabilityModules.Timestamp, R.Equal, new[] { "value", "2014-01-01T00:00:00" }, "time zone")]
    public void Bad_relationship_or_parameter_is_bad_message(string module, string relationship, string[] parameters, string reason)
    {
        var pairs = parameters.Chunk(2).Select(p => (p[0], p[1])).ToArray();
        var query = Query(Stix.Criterion("**", module, relationship, pairs));

        ExpectStatus(() => DefaultQueryEvaluator.Compile(query, TargetingExpressionIds.AllStix), S.BadMessage)
            .WithMessage($"*{reason}*");
    }

    private static DefaultQuery Query(Criterion criterion) =>
        new(TargetingExpressionIds.Stix111, new Criteria(CriteriaOperator.And, criterion));

    private static ExceptionAssertions<DefaultQueryException> ExpectStatus(Action act, string status) =>
        act.Should().Throw<DefaultQueryException>().Where(e => e.StatusType == status);
}

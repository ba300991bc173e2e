using FluentAssertions;
using Taxii.Protocol.Query;
using Xunit;

namespace Taxii.Protocol.Tests.Query;

public sealed class DefaultQueryXmlTests
{
    [Fact]
    public void Query_round_trips_through_schema_valid_xml()
    {
        var xml = DefaultQueryXml.ToXml(QueryExamples.Rich);

        TdqSchema.ShouldBeValid(xml);
        DefaultQueryXml.Parse(xml).Should().BeEquivalentTo(QueryExamples.Rich, o => o.RespectingRuntimeTypes());
    }

    [Fact]
    public void Query_is_written_in_xsd_order_with_the_tdq_prefix()
    {
        var xml = DefaultQueryXml.ToXml(QueryExamples.Rich);

        xml.Should().StartWith("<tdq:Default_Query ")
            .And.Contain("xmlns:tdq=\"http://taxii.mitre.org/query/taxii_default_query-1\"");
        xml.IndexOf("<tdq:Criteria operator=\"OR\"", StringComparison.Ordinal)
            .Should().BeLessThan(xml.IndexOf("**/@timestamp", StringComparison.Ordinal), "nested Criteria come first");
        xml.Should().Contain("<tdq:Criterion negate=\"true\">").And.NotContain("negate=\"false\"");
    }

    [Fact]
    public void Query_info_round_trips_through_schema_valid_xml()
    {
        var xml = DefaultQueryXml.ToXml(QueryExamples.Info);

        TdqSchema.ShouldBeValid(xml);
        DefaultQueryXml.ParseInfo(xml).Should().BeEquivalentTo(QueryExamples.Info);
    }

    [Fact]
    public void Query_embedded_in_a_poll_request_validates_and_parses()
    {
        var query = DefaultQueryXml.ToXml(QueryExamples.Rich);
        var poll = $"""
            <taxii_11:Poll_Request xmlns:taxii_11="http://taxii.mitre.org/messages/taxii_xml_binding-1.1"
                message_id="1" collection_name="default">
              <taxii_11:Poll_Parameters allow_asynch="false">
                <taxii_11:Response_Type>FULL</taxii_11:Response_Type>
                <taxii_11:Query format_id="{DefaultQueryNames.FormatId}">{query}</taxii_11:Query>
              </taxii_11:Poll_Parameters>
            </taxii_11:Poll_Request>
            """;

        TdqSchema.ShouldBeValid(poll);
    }

    [Fact]
    public void Parse_accepts_other_prefixes_whitespace_and_comments()
    {
        const string xml = """
            <q:Default_Query xmlns:q="http://taxii.mitre.org/query/taxii_default_query-1" targeting_expression_id="urn:stix.mitre.org:xml:1.2">
              <!-- a comment -->
              <q:Criteria operator="OR">
                <q:Criterion negate="1">
                  <q:Target>**/@id</q:Target>
                  <q:Test capability_id="urn:taxii.mitre.org:query:capability:core-1" relationship="exists"/>
                </q:Criterion>
              </q:Criteria>
            </q:Default_Query>
            """;

        var query = DefaultQueryXml.Parse(xml);

        query.TargetingExpressionId.Should().Be(TargetingExpressionIds.Stix12);
        query.Criteria.Operator.Should().Be(CriteriaOperator.Or);
        var criterion = query.Criteria.Criterion.Should().ContainSingle().Subject;
        criterion.Negate.Should().BeTrue();
        criterion.Target.Should().Be("**/@id");
        criterion.Test.Parameters.Should().BeEmpty();
    }

    [Fact]
    public void Parameter_values_are_kept_verbatim()
    {
        var query = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And,
            new Criterion("**", new CriterionTest(CapabilityModules.Core, Relationships.Equal,
                (TestParameters.Value, "  spaced <tag> & ]]> "), (TestParameters.MatchType, TestParameters.CaseSensitiveString)))));

        var parsed = DefaultQueryXml.Parse(DefaultQueryXml.ToXml(query));

        parsed.Criteria.Criterion[0].Test.GetParameter(TestParameters.Value).Should().Be("  spaced <tag> & ]]> ");
    }

    [Fact]
    public void Read_leaves_the_reader_after_the_query_element()
    {
        var xml = $"<wrapper>{DefaultQueryXml.ToXml(QueryExamples.Rich)}<after/></wrapper>";
        using var reader = System.Xml.XmlReader.Create(new StringReader(xml));
        reader.ReadToDescendant("Default_Query", DefaultQueryNames.Namespace);

        var query = DefaultQueryXml.Read(reader);

        query.Should().BeEquivalentTo(QueryExamples.Rich, o => o.RespectingRuntimeTypes());
        reader.MoveToContent();
        reader.LocalName.Should().Be("after");
    }

    [Fact]
    public void Writing_an_empty_criteria_is_refused()
    {
        var query = new DefaultQuery(TargetingExpressionIds.Stix12, new Criteria(CriteriaOperator.And, [], []));

        var act = () => DefaultQueryXml.ToXml(query);

        act.Should().Throw<ArgumentException>();
    }
}

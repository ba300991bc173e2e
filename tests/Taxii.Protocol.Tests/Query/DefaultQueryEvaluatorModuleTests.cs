using System.Xml;
using FluentAssertions;
using Taxii.Protocol.Query;
using Xunit;
using static Taxii.Protocol.Tests.Query.Stix;
using P = Taxii.Protocol.Query.TestParameters;
using R = Taxii.Protocol.Query.Relationships;

namespace Taxii.Protocol.Tests.Query;

/// <summary>The regex and timestamp modules, AND/OR/negate, and the XmlReader entry point.</summary>
public sealed class DefaultQueryEvaluatorModuleTests
{
    [Theory]
    [InlineData(@"^198\.51\.100\.[0-9]+$", null, true)]
    [InlineData(@"^10\.", null, false)]
    [InlineData(@"100\.1", null, true)]
    public async Task Regex_matches_address(string pattern, string? caseSensitive, bool expected)
    {
        var content = await LoadAsync(C2IpRange);
        (string, string)[] parameters = caseSensitive is null ? [(P.Value, pattern)] : [(P.Value, pattern), (P.CaseSensitive, caseSensitive)];

        Matches(content, Criterion("**/Address_Value", CapabilityModules.Regex, R.Matches, parameters)).Should().Be(expected);
    }

    [Theory]
    [InlineData("true", false)]
    [InlineData("false", true)]
    public async Task Regex_case_sensitivity(string caseSensitive, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Criterion("**/Title", CapabilityModules.Regex, R.Matches,
                (P.Value, "^MALWARE c2 CHANNEL$"), (P.CaseSensitive, caseSensitive)))
            .Should().Be(expected);
    }

    [Fact]
    public void Regex_is_linear_on_a_classic_redos_pattern()
    {
        var content = $"<Root><Value>{new string('a', 50_000)}!</Value></Root>";
        var matcher = Compile(Criterion("**/Value", CapabilityModules.Regex, R.Matches, (P.Value, "^(a+)+$")));

        var started = DateTime.UtcNow;
        matcher.Matches(content).Should().BeFalse();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(R.GreaterThan, "2014-01-01T00:00:00Z", true)]
    [InlineData(R.GreaterThan, "2014-02-20T09:00:00Z", false)]
    [InlineData(R.Equal, "2014-02-20T10:00:00+01:00", true)]
    [InlineData(R.Equal, "2014-02-20t09:00:00.000000z", true)]
    [InlineData(R.Equal, "2014-02-20 04:00:00-05:00", true)]
    [InlineData(R.LessThan, "2014-02-20T09:00:00.000001Z", true)]
    [InlineData(R.LessThan, "2014-02-20T09:00:00Z", false)]
    [InlineData(R.GreaterThanOrEquals, "2014-02-20T09:00:00Z", true)]
    [InlineData(R.GreaterThanOrEqual, "2014-02-20T09:00:00Z", true)]
    [InlineData(R.LessThanOrEquals, "2014-02-20T08:59:59Z", false)]
    [InlineData(R.LessThanOrEqual, "2014-02-20T09:00:00Z", true)]
    public async Task Timestamp_of_the_package(string relationship, string value, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Criterion("STIX_Package/@timestamp", CapabilityModules.Timestamp, relationship, (P.Value, value)))
            .Should().Be(expected);
    }

    [Fact]
    public void Timestamp_without_zone_in_content_is_read_as_utc()
    {
        const string content = "<Root><When>2020-05-01T12:00:00</When></Root>";

        Matches(content, Criterion("Root/When", CapabilityModules.Timestamp, R.Equal, (P.Value, "2020-05-01T14:00:00+02:00")))
            .Should().BeTrue();
    }

    [Theory]
    [InlineData(CriteriaOperator.And, false, false, false)]
    [InlineData(CriteriaOperator.And, false, true, true)]
    [InlineData(CriteriaOperator.Or, false, false, true)]
    [InlineData(CriteriaOperator.Or, true, false, false)]
    [InlineData(CriteriaOperator.Or, true, true, true)]
    public async Task And_or_and_negate(CriteriaOperator op, bool negateKnownIp, bool negateUnknownIp, bool expected)
    {
        var content = await LoadAsync(C2IpRange);
        var known = Core("**/Address_Value", R.Equal, (P.Value, "198.51.100.2"), (P.MatchType, P.CaseSensitiveString))
            with
        { Negate = negateKnownIp };
        var unknown = Core("**/Address_Value", R.Equal, (P.Value, "10.1.1.1"), (P.MatchType, P.CaseSensitiveString))
            with
        { Negate = negateUnknownIp };

        Compile(op, known, unknown).Matches(content).Should().Be(expected);
    }

    [Fact]
    public async Task Nested_criteria()
    {
        var content = await LoadAsync(C2IpRange);

        // Title begins with "Example" AND (hash exists OR address in 203.0.113.0/24)
        var query = new DefaultQuery(TargetingExpressionIds.Stix11, new Criteria(
            CriteriaOperator.And,
            [
                new Criteria(CriteriaOperator.Or,
                    Core("**/Simple_Hash_Value", R.Exists),
                    Criterion("**/Address_Value", CapabilityModules.Regex, R.Matches, (P.Value, @"^203\.0\.113\."))),
            ],
            [Core("STIX_Package/STIX_Header/Title", R.BeginsWith, (P.Value, "Example"))]));

        DefaultQueryEvaluator.Compile(query, [TargetingExpressionIds.Stix11]).Matches(content).Should().BeTrue();
    }

    [Fact]
    public void Negated_value_test_is_true_when_no_node_is_selected()
    {
        var matcher = Compile(Core("**/Missing", R.Equal, (P.Value, "x"), (P.MatchType, P.CaseSensitiveString)) with { Negate = true });

        matcher.Matches("<Root/>").Should().BeTrue();
    }

    [Fact]
    public void Element_value_is_its_own_trimmed_text()
    {
        var matcher = Compile(Core("Root/A", R.Equal, (P.Value, "outer text"), (P.MatchType, P.CaseSensitiveString)));

        matcher.Matches("<Root><A>\n  outer <B>inner</B> text\n</A></Root>").Should().BeFalse("text is concatenated, not spaced");
        matcher.Matches("<Root><A>\n  outer text\n  <B>inner</B></A></Root>").Should().BeTrue();
        matcher.Matches("<Root><A><![CDATA[outer text]]></A></Root>").Should().BeTrue();
    }

    [Fact]
    public void XmlReader_overload_evaluates_each_content_element_and_leaves_the_reader_on_its_end()
    {
        const string message = """
            <Poll_Response>
              <Content_Block><Content><STIX_Package><Address_Value>1.2.3.4</Address_Value></STIX_Package></Content></Content_Block>
              <Content_Block><Content><STIX_Package id="x"/></Content></Content_Block>
              <Content_Block><Content><STIX_Package><Other>1.2.3.4</Other><Address_Value>9.9.9.9</Address_Value></STIX_Package></Content></Content_Block>
            </Poll_Response>
            """;
        var matcher = Compile(Core("STIX_Package/Address_Value", R.Equal, (P.Value, "1.2.3.4"), (P.MatchType, P.CaseSensitiveString)));
        using var reader = XmlReader.Create(new StringReader(message), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var outcomes = new List<bool>();

        while (reader.ReadToFollowing("Content"))
        {
            reader.Read();
            reader.MoveToContent();
            outcomes.Add(matcher.Matches(reader));
            reader.LocalName.Should().Be("STIX_Package");
        }

        outcomes.Should().Equal(true, false, false);
    }

    [Fact]
    public void Content_with_a_dtd_or_too_deep_is_refused()
    {
        var matcher = Compile(Core("**", R.Exists));
        var deep = string.Concat(Enumerable.Repeat("<a>", 600)) + string.Concat(Enumerable.Repeat("</a>", 600));

        ((Action)(() => matcher.Matches("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>"))).Should().Throw<XmlException>();
        ((Action)(() => Compile(Core("**/b", R.Exists)).Matches(deep))).Should().Throw<XmlException>();
    }

    [Fact]
    public void Large_content_is_scanned_in_one_pass()
    {
        var content = "<Root>" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"<Item n=\"{i}\">{i}</Item>")) + "</Root>";
        var matcher = Compile(Core("Root/Item/@n", R.GreaterThanOrEqual, (P.Value, "99999")));

        matcher.Matches(content).Should().BeTrue();
    }
}

using FluentAssertions;
using Taxii.Protocol.Query;
using Xunit;
using static Taxii.Protocol.Tests.Query.Stix;
using P = Taxii.Protocol.Query.TestParameters;
using R = Taxii.Protocol.Query.Relationships;

namespace Taxii.Protocol.Tests.Query;

/// <summary>The core module over real STIX documents.</summary>
public sealed class DefaultQueryEvaluatorTests
{
    [Theory]
    [InlineData("**/Address_Value", "198.51.100.17", true)]
    [InlineData("**/Address_Value", "10.9.9.9", false)]
    [InlineData("STIX_Package/Observables/Observable/Object/Properties/Address_Value", "203.0.113.19", true)]
    [InlineData("STIX_Package/*/Observable/Object/Properties/Address_Value", "203.0.113.19", true)]
    [InlineData("STIX_Package/**/Address_Value", "198.51.100.2", true)]
    [InlineData("STIX_Package/Address_Value", "198.51.100.2", false)]
    [InlineData("stix:STIX_Package/stix:Observables/**/AddressObject:Address_Value", "198.51.100.2", true)]
    public async Task Ip_watchlist_address_equals(string target, string ip, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core(target, R.Equal, (P.Value, ip), (P.MatchType, P.CaseSensitiveString)))
            .Should().Be(expected);
    }

    [Fact]
    public async Task Delimited_watchlist_values_are_compared_as_one_string()
    {
        // CybOX '##comma##' lists are not split: [Q] compares node values, and splitting is CybOX pattern semantics
        var content = await LoadAsync(IpWatchlist);

        Matches(content, Core("**/Address_Value", R.Equal, (P.Value, "10.0.0.1"), (P.MatchType, P.CaseSensitiveString)))
            .Should().BeFalse();
        Matches(content, Core("**/Address_Value", R.Contains, (P.Value, "10.0.0.1"))).Should().BeTrue();
    }

    [Theory]
    [InlineData(P.CaseInsensitiveString, "example COMMAND and control ip range", true)]
    [InlineData(P.CaseSensitiveString, "example COMMAND and control ip range", false)]
    [InlineData(P.CaseSensitiveString, "Example Command and Control IP Range", true)]
    public async Task Title_equals_by_match_type(string matchType, string value, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core("STIX_Package/STIX_Header/Title", R.Equal, (P.Value, value), (P.MatchType, matchType)))
            .Should().Be(expected);
    }

    [Theory]
    [InlineData(R.Equal, "1.1", true)]
    [InlineData(R.Equal, "1.10", true)]
    [InlineData(R.NotEquals, "1.1", false)]
    [InlineData(R.NotEquals, "2", true)]
    public async Task Version_attribute_compares_as_a_number(string relationship, string value, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core("STIX_Package/@version", relationship, (P.Value, value), (P.MatchType, P.Number)))
            .Should().Be(expected);
    }

    [Theory]
    [InlineData(R.GreaterThan, "1.0", true)]
    [InlineData(R.GreaterThan, "1.1", false)]
    [InlineData(R.GreaterThanOrEqual, "1.1", true)]
    [InlineData(R.LessThan, "1.1", false)]
    [InlineData(R.LessThanOrEqual, "1.1", true)]
    [InlineData(R.LessThan, "2e0", true)]
    public async Task Numeric_order(string relationship, string value, bool expected)
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core("STIX_Package/@version", relationship, (P.Value, value))).Should().Be(expected);
    }

    [Fact]
    public async Task Non_numeric_nodes_never_pass_a_numeric_test()
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core("**/Title", R.NotEquals, (P.Value, "1"), (P.MatchType, P.Number))).Should().BeFalse();
    }

    [Theory]
    [InlineData(R.BeginsWith, "Malware", null, true)]
    [InlineData(R.BeginsWith, "malware", null, false)]
    [InlineData(R.BeginsWith, "malware", "false", true)]
    [InlineData(R.EndsWith, "C2 CHANNEL", "0", true)]
    [InlineData(R.EndsWith, "C2 CHANNEL", "true", false)]
    [InlineData(R.Contains, "ware C2", "1", true)]
    [InlineData(R.Contains, "nothing like it", "false", false)]
    public async Task Substring_relationships(string relationship, string value, string? caseSensitive, bool expected)
    {
        var content = await LoadAsync(C2IpRange);
        (string, string)[] parameters = caseSensitive is null
            ? [(P.Value, value)]
            : [(P.Value, value), (P.CaseSensitive, caseSensitive)];

        Matches(content, Core("**/TTP/Title", relationship, parameters)).Should().Be(expected);
    }

    [Fact]
    public async Task Exists_and_does_not_exist()
    {
        var c2 = await LoadAsync(C2IpRange);
        var hashes = await LoadAsync(FileHashWatchlist);

        Matches(c2, Core("**/Simple_Hash_Value", R.Exists)).Should().BeFalse();
        Matches(c2, Core("**/Simple_Hash_Value", R.DoesNotExist)).Should().BeTrue();
        Matches(hashes, Core("**/Simple_Hash_Value", R.Exists)).Should().BeTrue();
        Matches(hashes, Core("**/Simple_Hash_Value", R.DoesNotExist)).Should().BeFalse();
        Matches(c2, Core("**/@idref", R.Exists)).Should().BeTrue();
        Matches(c2, Core("STIX_Package/@*", R.Exists)).Should().BeTrue();
    }

    [Fact]
    public async Task Attribute_any_depth()
    {
        var content = await LoadAsync(C2IpRange);

        Matches(content, Core("**/@id", R.Equal,
                (P.Value, "example:ttp-dd955e08-16d0-6f08-5064-50d9e7a3104d"), (P.MatchType, P.CaseSensitiveString)))
            .Should().BeTrue();
        Matches(content, Core("**/@category", R.Equal, (P.Value, "IPV4-ADDR"), (P.MatchType, P.CaseInsensitiveString)))
            .Should().BeTrue();
    }

    [Fact]
    public async Task Every_stix_sample_can_be_scanned()
    {
        var dir = Taxii.Testing.ReferenceMaterial.Require("samples/stix");
        var matcher = Compile(Core("**/@id", R.Exists));
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*.xml"))
        {
            var content = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            var act = () => matcher.Matches(content);
            act.Should().NotThrow(Path.GetFileName(file));
            scanned++;
        }

        scanned.Should().BeGreaterThan(50);
    }
}

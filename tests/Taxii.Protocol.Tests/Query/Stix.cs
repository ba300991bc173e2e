using Taxii.Protocol.Query;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Query;

/// <summary>Helpers for evaluator tests: real STIX samples and one-criterion queries.</summary>
internal static class Stix
{
    public const string C2IpRange = "1.1_site_c2-ip-range.xml";
    public const string IpWatchlist = "1.2_cbtaxii_simple_ip_watchlist.xml";
    public const string FileHashWatchlist = "1.2_schemas_STIX_FileHash_Watchlist.xml";

    public static Task<string> LoadAsync(string sample) => File.ReadAllTextAsync(
        ReferenceMaterial.Require("samples/stix/" + sample), TestContext.Current.CancellationToken);

    public static Criterion Criterion(string target, string module, string relationship, params (string, string)[] parameters) =>
        new(target, new CriterionTest(module, relationship, parameters));

    public static Criterion Core(string target, string relationship, params (string, string)[] parameters) =>
        Criterion(target, CapabilityModules.Core, relationship, parameters);

    public static DefaultQueryMatcher Compile(params Criterion[] criteria) => Compile(CriteriaOperator.And, criteria);

    public static DefaultQueryMatcher Compile(CriteriaOperator op, params Criterion[] criteria) =>
        DefaultQueryEvaluator.Compile(
            new DefaultQuery(TargetingExpressionIds.Stix111, new Criteria(op, criteria)), TargetingExpressionIds.AllStix);

    public static bool Matches(string content, Criterion criterion) => Compile(criterion).Matches(content);
}

using Taxii.Protocol.Query;

namespace Taxii.Protocol.Tests.Query;

/// <summary>Queries built in code, covering every part of the model.</summary>
internal static class QueryExamples
{
    public static DefaultQuery Rich { get; } = new(
        TargetingExpressionIds.Stix111,
        new Criteria(
            CriteriaOperator.And,
            [
                new Criteria(
                    CriteriaOperator.Or,
                    new Criterion(
                        "**/Address_Value",
                        new CriterionTest(CapabilityModules.Core, Relationships.Equal,
                            (TestParameters.Value, "198.51.100.2"),
                            (TestParameters.MatchType, TestParameters.CaseSensitiveString))),
                    new Criterion(
                        "STIX_Package/Indicators/Indicator/Title",
                        new CriterionTest(CapabilityModules.Regex, Relationships.Matches,
                            (TestParameters.Value, "^Malware C2.*$"),
                            (TestParameters.CaseSensitive, "false")))),
            ],
            [
                new Criterion(
                    "**/@timestamp",
                    new CriterionTest(CapabilityModules.Timestamp, Relationships.GreaterThan,
                        (TestParameters.Value, "2014-01-01T00:00:00Z"))),
                new Criterion(
                    "**/Simple_Hash_Value",
                    new CriterionTest(CapabilityModules.Core, Relationships.Exists),
                    Negate: true),
                new Criterion(
                    "STIX_Package/*/Title",
                    new CriterionTest(CapabilityModules.Core, Relationships.Contains,
                        (TestParameters.Value, "a < b & \"c\""))),
            ]));

    public static DefaultQueryInfo Info { get; } = new(
        [
            new TargetingExpressionInfo(
                TargetingExpressionIds.Stix111,
                ["**/Address_Value", "**/Simple_Hash_Value"],
                ["**"]),
        ],
        [CapabilityModules.Core, CapabilityModules.Regex, CapabilityModules.Timestamp]);
}

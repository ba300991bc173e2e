using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Testing;

namespace Taxii.Protocol.Tests.Query;

/// <summary>The TAXII 1.1 schema set, which holds the Default Query schema: validates a tdq element or a 1.1 message.</summary>
internal static class TdqSchema
{
    /// <summary>Validates <paramref name="xml"/> and fails with every error.</summary>
    public static void ShouldBeValid(string xml) => Validate(xml).Should().BeEmpty(because: xml);

    public static IReadOnlyList<string> Validate(string xml) => TaxiiSchemas.Errors(xml, TaxiiVersion.V11);
}

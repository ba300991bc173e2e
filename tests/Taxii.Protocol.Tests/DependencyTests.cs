using FluentAssertions;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests;

public sealed class DependencyTests
{
    [Fact]
    public void Taxii_protocol_references_only_system_assemblies()
    {
        var references = typeof(TaxiiMessageReader).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);
        references.Should().OnlyContain(name => name == "System" || name.StartsWith("System.", StringComparison.Ordinal));
    }
}

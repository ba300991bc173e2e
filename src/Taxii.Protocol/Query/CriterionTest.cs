namespace Taxii.Protocol.Query;

/// <summary>
/// A <c>tdq:Test</c>: a relationship (for example <c>equals</c>) from the capability module
/// <paramref name="CapabilityId"/>, with its parameters in document order.
/// </summary>
public sealed record CriterionTest(string CapabilityId, string Relationship, IReadOnlyList<TestParameter> Parameters)
{
    /// <summary>Builds a test from name/value pairs.</summary>
    public CriterionTest(string capabilityId, string relationship, params (string Name, string Value)[] parameters)
        : this(capabilityId, relationship, parameters.Select(p => new TestParameter(p.Name, p.Value)).ToArray())
    {
    }

    /// <summary>The value of the parameter named <paramref name="name"/>, or null when it is absent.</summary>
    public string? GetParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return parameter.Value;
            }
        }

        return null;
    }
}

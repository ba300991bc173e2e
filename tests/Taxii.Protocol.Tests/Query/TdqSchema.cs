using System.Xml;
using System.Xml.Schema;
using FluentAssertions;
using Taxii.Testing;

namespace Taxii.Protocol.Tests.Query;

/// <summary>The official schemas loaded offline, as shared/taxii-schemas/README.md describes.</summary>
internal static class TdqSchema
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    /// <summary>Validates <paramref name="xml"/> (a tdq element, or a TAXII 1.1 message) and fails with every error.</summary>
    public static void ShouldBeValid(string xml) => Validate(xml).Should().BeEmpty(because: xml);

    public static IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Set.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
            }
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var dir = ReferenceMaterial.Require("taxii-schemas");
        var set = new XmlSchemaSet { XmlResolver = null };

        // xmldsig first: it has a DOCTYPE, and the TAXII schemas import it by a w3.org URL that is not fetched offline
        using (var dsig = XmlReader.Create(
            Path.Combine(dir, "xmldsig-core-schema.xsd"),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
        {
            set.Add(null, dsig);
        }

        foreach (var name in new[] { "TAXII_XMLMessageBinding_Schema_1.1.xsd", "TAXII_DefaultQuery_Schema_1.0.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(dir, name), new XmlReaderSettings { XmlResolver = null });
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}

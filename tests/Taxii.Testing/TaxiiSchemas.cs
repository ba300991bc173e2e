using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;
using Taxii.Protocol.Messages;

namespace Taxii.Testing;

/// <summary>
/// Validates documents against the official TAXII XSDs from ../shared, loaded offline as its README says: the TAXII
/// 1.1 binding with the Default Query schema, or the 1.0 binding, each with xmldsig.
/// </summary>
public static class TaxiiSchemas
{
    private static readonly ConcurrentDictionary<TaxiiVersion, XmlSchemaSet> Sets = new();

    /// <summary>
    /// Whether the official XSDs are beside the repository (always under CI, where their absence fails): checks that
    /// ride along with other assertions run only where they can.
    /// </summary>
    public static bool Available => ReferenceMaterial.Optional("taxii-schemas") is not null;

    public static IReadOnlyList<string> Errors(string xml, TaxiiVersion version) =>
        Errors(System.Text.Encoding.UTF8.GetBytes(xml), version);

    public static IReadOnlyList<string> Errors(byte[] document, TaxiiVersion version)
    {
        var set = Sets.GetOrAdd(version, Load);
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = set,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
            }
        };
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Load(TaxiiVersion version)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        Add(set, "taxii-schemas/xmldsig-core-schema.xsd");
        if (version == TaxiiVersion.V11)
        {
            Add(set, "taxii-schemas/TAXII_XMLMessageBinding_Schema_1.1.xsd");
            Add(set, "taxii-schemas/TAXII_DefaultQuery_Schema_1.0.xsd");
        }
        else
        {
            Add(set, "taxii-schemas/TAXII_XMLMessageBinding_Schema_1.0.xsd");
        }

        set.Compile();
        return set;
    }

    private static void Add(XmlSchemaSet set, string relativePath)
    {
        var path = ReferenceMaterial.Require(relativePath);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        set.Add(null, reader);
    }
}

using System.Xml;
using System.Xml.Schema;
using Taxii.Testing;

namespace Taxii.Feeds.Tests.ContentTypes;

/// <summary>
/// The official STIX 1.2 / CybOX 2.1 schemas from ../shared/stix-schemas, loaded offline as its README says (the
/// wrapper schema through a resolver that allows only local files and reads each duplicated external schema from
/// one place), compiled once. Documents are validated with no resolver, so schemaLocation hints are never followed.
/// </summary>
internal static class StixSchemas
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static IReadOnlyList<string> Errors(byte[] document)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Set.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };

        // "no schema information" warnings mean an element the schemas do not cover: count them as errors
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationFlags &= ~XmlSchemaValidationFlags.ProcessSchemaLocation;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var dir = ReferenceMaterial.Require("stix-schemas");
        var resolver = new LocalResolver(dir);
        var set = new XmlSchemaSet { XmlResolver = resolver };
        using (var reader = XmlReader.Create(Path.Combine(dir, "stix-1.2-all.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = resolver }))
        {
            _ = set.Add(null, reader) ?? throw new InvalidOperationException("the STIX schema set did not load");
        }

        set.Compile();
        return set;
    }

    private sealed class LocalResolver(string root) : XmlUrlResolver
    {
        // the official files import these from two places; read each namespace from one document
        private static readonly (string From, string To)[] Map =
        [
            ("stix_1.2/cybox/external/oasis_ciq_3.0/", "stix_1.2/external/oasis_ciq_3.0/"),
            ("stix_1.2/external/cvrf_1.1/xml.xsd", "stix_1.2/cybox/external/cpe_2.3/xml.xsd"),
            ("stix_1.2/external/cvrf_1.1/cpe-language_2.2a.xsd", "stix_1.2/cybox/external/cpe_2.3/cpe-language_2.3.xsd"),
        ];

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
        {
            var uri = base.ResolveUri(baseUri, relativeUri);
            if (!uri.IsFile)
            {
                throw new XmlException($"non-local schema {uri}");
            }

            var relative = Path.GetRelativePath(root, uri.LocalPath).Replace('\\', '/');
            foreach (var (from, to) in Map)
            {
                if (relative.StartsWith(from, StringComparison.Ordinal))
                {
                    return new Uri(Path.Combine(root, to + relative[from.Length..]));
                }
            }

            return uri;
        }
    }
}

using System.Text;

namespace Taxii.Benchmarks;

/// <summary>A synthetic STIX 1.2 package of about 4 KB (or of about <c>length</c> bytes), shaped like real indicator feeds (hashes, IPs, domains).</summary>
internal static class Stix
{
    public static string Package(int n, int length = 4000)
    {
        var sb = new StringBuilder(length + 600);
        sb.Append("<stix:STIX_Package xmlns:cybox=\"http://cybox.mitre.org/cybox-2\" xmlns:indicator=\"http://stix.mitre.org/Indicator-2\" ")
            .Append("xmlns:stix=\"http://stix.mitre.org/stix-1\" xmlns:example=\"http://example.com\" ")
            .Append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"example:Package-").Append(n).Append("\" version=\"1.2\">")
            .Append("<stix:STIX_Header><stix:Title>Benchmark feed package</stix:Title></stix:STIX_Header><stix:Indicators>");
        for (var i = 0; sb.Length < length - 100; i++)
        {
            sb.Append("<stix:Indicator id=\"example:indicator-").Append(n).Append('-').Append(i)
                .Append("\" timestamp=\"2024-01-01T00:00:00Z\" xsi:type=\"indicator:IndicatorType\">")
                .Append("<indicator:Title>Malicious address ").Append(i).Append("</indicator:Title>")
                .Append("<indicator:Observable id=\"example:Observable-").Append(i).Append("\"><cybox:Object><cybox:Properties>")
                .Append("10.").Append((i * 7) % 255).Append('.').Append(n % 255).Append('.').Append(i % 255)
                .Append("</cybox:Properties></cybox:Object></indicator:Observable></stix:Indicator>");
        }

        sb.Append("</stix:Indicators></stix:STIX_Package>");
        return sb.ToString();
    }

    /// <summary>A STIX 1.2 package of <paramref name="count"/> indicators, each with one IPv4 address as a CybOX Address object (ids from <paramref name="first"/>).</summary>
    public static string Indicators(int first, int count)
    {
        var sb = new StringBuilder(count * 700);
        sb.Append("<stix:STIX_Package xmlns:cybox=\"http://cybox.mitre.org/cybox-2\" xmlns:indicator=\"http://stix.mitre.org/Indicator-2\" ")
            .Append("xmlns:AddressObj=\"http://cybox.mitre.org/objects#AddressObject-2\" xmlns:stix=\"http://stix.mitre.org/stix-1\" xmlns:example=\"http://example.com\" ")
            .Append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"example:Package-ingest-").Append(first).Append("\" version=\"1.2\">")
            .Append("<stix:STIX_Header><stix:Title>Ingestion benchmark</stix:Title></stix:STIX_Header><stix:Indicators>");
        for (var n = first; n < first + count; n++)
        {
            sb.Append("<stix:Indicator id=\"example:indicator-ingest-").Append(n)
                .Append("\" timestamp=\"2026-01-01T00:00:00Z\" xsi:type=\"indicator:IndicatorType\">")
                .Append("<indicator:Title>Command and control address ").Append(n).Append("</indicator:Title>")
                .Append("<indicator:Observable id=\"example:Observable-ingest-").Append(n).Append("\"><cybox:Object><cybox:Properties xsi:type=\"AddressObj:AddressObjectType\" category=\"ipv4-addr\">")
                .Append("<AddressObj:Address_Value condition=\"Equals\">10.").Append((n >> 16) & 255).Append('.').Append((n >> 8) & 255).Append('.').Append(n & 255)
                .Append("</AddressObj:Address_Value></cybox:Properties></cybox:Object></indicator:Observable></stix:Indicator>");
        }

        sb.Append("</stix:Indicators></stix:STIX_Package>");
        return sb.ToString();
    }
}

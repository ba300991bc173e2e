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
}

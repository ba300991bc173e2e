using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>
/// Verbatim content on real documents (shared/samples) and on randomly formatted ones: every STIX sample pushed in
/// any carrier comes back byte for byte; every block of the TAXII samples is its source text with exactly the
/// relied-on declarations added (worked out here independently, from the text); random formatting never shifts a cut.
/// </summary>
public sealed partial class VerbatimSampleTests
{
    // not well-formed on its own (prefix "report" is never declared), so it is refused as content as well
    private const string IllFormedStix = "1.1.1_site_analyst-exercise-output-dcb77ff.xml";

    [Fact]
    public async Task Every_stix_sample_comes_back_byte_for_byte_in_every_carrier()
    {
        var folder = ReferenceMaterial.Require("samples/stix");
        var files = Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCountGreaterThan(90);
        var failures = new List<string>();
        foreach (var (path, n) in files.Select((p, n) => (p, n)))
        {
            var expected = PackageBytes(File.ReadAllBytes(path));
            var carrier = Envelopes.All[n % 4];
            var parts = Envelopes.Wrap(carrier, ["\n\u0001\n"]).Split('\u0001');
            byte[] body = [.. Encoding.UTF8.GetBytes(parts[0]), .. expected, .. Encoding.UTF8.GetBytes(parts[1])];
            try
            {
                var read = await Envelopes.ReadAsync(carrier, streamed: n % 8 < 4, body, chunk: 4096);
                if (!Encoding.UTF8.GetBytes(read.Single().Value).AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"{Path.GetFileName(path)} ({carrier}): content differs from the source");
                }
            }
            catch (TaxiiProtocolException ex) when (Path.GetFileName(path) == IllFormedStix)
            {
                ex.Message.Should().Contain("'report' is an undeclared prefix");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Taxii_samples_keep_their_content_and_add_exactly_the_declarations_it_relies_on()
    {
        var folder = ReferenceMaterial.Require("samples/taxii");
        var failures = new List<string>();
        int blocks = 0, withDeclarations = 0;
        foreach (var path in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(path, Codec.Ct);
            var root = RootName().Match(text).Groups["name"].Value;
            if (!root.EndsWith("Poll_Response", StringComparison.Ordinal) && !root.EndsWith("Inbox_Message", StringComparison.Ordinal))
            {
                continue;
            }

            var carrier = root.EndsWith("Poll_Response", StringComparison.Ordinal) ? Carrier.Poll11 : Carrier.Inbox11;
            foreach (var streamed in new[] { false, true })
            {
                List<TaxiiContent> contents;
                try
                {
                    contents = await Envelopes.ReadAsync(carrier, streamed, File.ReadAllBytes(path), chunk: 1000);
                }
                catch (TaxiiProtocolException)
                {
                    // refused for reasons of its envelope, as SampleTests expects
                    break;
                }

                var sources = ContentElement().Matches(text);
                sources.Count.Should().Be(contents.Count(c => c != TaxiiContent.Empty), Path.GetFileName(path));
                foreach (var (content, source) in contents.Where(c => c != TaxiiContent.Empty).Zip(sources))
                {
                    if (content.Kind != TaxiiContentKind.Xml)
                    {
                        continue;
                    }

                    var expected = ExpectedContent(text, source);
                    blocks++;
                    withDeclarations += expected.Length > source.Groups["inner"].Value.Trim(' ', '\t', '\r', '\n').Length ? 1 : 0;
                    if (content.Value != expected)
                    {
                        failures.Add($"{Path.GetFileName(path)} (streamed: {streamed}):\n  expected {Head(expected)}\n  actual   {Head(content.Value)}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
        blocks.Should().BeGreaterThan(20);
        withDeclarations.Should().BeGreaterThan(5, "the Cisco responses declare the STIX prefixes on their envelope");
    }

    [Fact]
    public async Task Randomly_formatted_messages_keep_every_block_exactly()
    {
        // line breaks inside start tags, \r\n, tabs and blocks across buffer refills: where XmlReader's line numbers
        // drift, a cut made from them would shift
        var random = new Random(20_240_601);
        for (var document = 0; document < 200; document++)
        {
            var carrier = Envelopes.All[document % 4];
            var contents = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => RandomContent.Package(random, size: document % 20 == 0 ? 4000 : random.Next(1, 60)))
                .ToList();
            var spaced = contents.Select(c => RandomContent.Space(random) + c + RandomContent.Space(random));
            var message = Envelopes.Wrap(carrier, spaced, rootExtra: RandomContent.Space(random) + " a=\"1\"" + RandomContent.Space(random),
                contentExtra: RandomContent.Space(random) + " xmlns:unused='urn:u'\r\n");
            var streamed = document % 3 == 0;
            var chunk = random.Next(1, 5000);

            var read = await Envelopes.ReadAsync(carrier, streamed, message, chunk);

            read.Select(c => c.Value).Should().Equal(contents, $"document {document} ({carrier}, streamed: {streamed}, chunk: {chunk})");
        }
    }

    /// <summary>A STIX file as content: without its XML declaration, trimmed; as bytes, so nothing is decoded on the way.</summary>
    private static byte[] PackageBytes(byte[] file)
    {
        var text = file.AsSpan();
        if (text.StartsWith("<?xml "u8))
        {
            text = text[(text.IndexOf("?>"u8) + 2)..];
        }

        return text.Trim(" \t\r\n"u8).ToArray();
    }

    /// <summary>The source of one Content element with the declarations, worked out from the text, that it relies on.</summary>
    private static string ExpectedContent(string document, Match content)
    {
        var raw = content.Groups["inner"].Value.Trim(' ', '\t', '\r', '\n');
        var before = document[..content.Index];
        var block = before.LastIndexOf($"<{content.Groups["p"].Value}Content_Block", StringComparison.Ordinal);
        var envelope = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in new[] { RootName().Match(document).Value, before[block..before.IndexOf('>', block)], content.Groups["attrs"].Value })
        {
            foreach (Match d in Declaration().Matches(tag))
            {
                envelope[d.Groups["prefix"].Value] = d.Groups["uri"].Value;
            }
        }

        var markup = CommentsAndCdata().Replace(raw, string.Empty);
        var declared = Declaration().Matches(markup).Select(d => d.Groups["prefix"].Value).ToHashSet(StringComparer.Ordinal);
        var used = ElementPrefix().Matches(markup).Concat(AttributePrefix().Matches(markup)).Concat(ValuePrefix().Matches(markup))
            .Select(m => m.Groups["p"].Value).Where(p => p is not ("xmlns" or "xml")).ToHashSet(StringComparer.Ordinal);
        if (UnprefixedElement().IsMatch(markup))
        {
            used.Add(string.Empty);
        }

        var relied = used.Where(p => envelope.TryGetValue(p, out var uri) && uri.Length > 0 && !declared.Contains(p)).Order(StringComparer.Ordinal);
        var declarations = string.Concat(relied.Select(p => p.Length == 0 ? $" xmlns=\"{envelope[p]}\"" : $" xmlns:{p}=\"{envelope[p]}\""));
        var name = TopLevelName().Match(raw).Groups["name"];
        name.Success.Should().BeTrue();
        return raw.Insert(name.Index + name.Length, declarations);
    }

    private static string Head(string text) => text.Length <= 300 ? text : text[..300] + "...";

    [GeneratedRegex("""<(?![?!])(?<name>[^\s/>]+)[^>]*>""")]
    private static partial Regex RootName();

    [GeneratedRegex("""<(?<p>(?:[A-Za-z_][\w.-]*:)?)Content(?<attrs>\s[^>]*)?>(?<inner>.*?)</\k<p>Content\s*>""", RegexOptions.Singleline)]
    private static partial Regex ContentElement();

    [GeneratedRegex("""xmlns(?::(?<prefix>[\w.-]+))?\s*=\s*(?<q>["'])(?<uri>.*?)\k<q>""", RegexOptions.Singleline)]
    private static partial Regex Declaration();

    [GeneratedRegex("""<!--.*?-->|<!\[CDATA\[.*?\]\]>""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndCdata();

    [GeneratedRegex("""</?(?<p>[A-Za-z_][\w.-]*):[\w.-]+""")]
    private static partial Regex ElementPrefix();

    [GeneratedRegex("""<(?![!?/])[A-Za-z_][\w.-]*[\s/>]""")]
    private static partial Regex UnprefixedElement();

    [GeneratedRegex("""\s(?<p>[A-Za-z_][\w.-]*):[\w.-]+\s*=""")]
    private static partial Regex AttributePrefix();

    [GeneratedRegex("""=\s*(?<q>["'])\s*(?<p>[A-Za-z_][\w.-]*):[^:\s"']+\s*\k<q>""")]
    private static partial Regex ValuePrefix();

    [GeneratedRegex("""^(?:\s|<!--.*?-->|<\?.*?\?>)*<(?<name>[^\s/>]+)""", RegexOptions.Singleline)]
    private static partial Regex TopLevelName();
}

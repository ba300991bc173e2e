using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

/// <summary>docs/formats/eclecticiq-json.md stays true: its example reads, and what it says about escaping holds.</summary>
public sealed partial class EclecticIqJsonDocTests
{
    [Fact]
    public async Task The_documented_example_package_reads()
    {
        var doc = await File.ReadAllTextAsync(DocPath(), TestContext.Current.CancellationToken);
        var example = ExampleBlock().Match(doc[doc.IndexOf("## Example", StringComparison.Ordinal)..]).Groups[1].Value;

        var package = await EclecticIqJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(example)), TestContext.Current.CancellationToken);

        package.Header.Strategy.Should().Be(UpdateStrategy.Diff);
        package.Entities.Select(e => e.Type).Should().Equal(EntityType.Indicator, EntityType.Ttp);
        package.Entities[0].Observables.Should().HaveCount(2);
        package.Entities[0].Data.Should().Be("{\"confidence\":\"high\",\"kill_chain_phases\":[\"command-and-control\"]}");
        package.Removed.Should().ContainSingle().Which.Observables.Should().ContainSingle();
    }

    [Fact]
    public void Html_sensitive_characters_are_escaped_as_the_doc_says()
    {
        var text = Encoding.UTF8.GetString(Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(),
            [Samples.Add(Samples.Entity(EntityType.Report, "r:1", title: "<>&'+ é"))]));

        text.Should().Contain("\"title\":\"\\u003C\\u003E\\u0026\\u0027\\u002B é\"");
    }

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Taxii.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "formats", "eclecticiq-json.md");
            }
        }

        throw new InvalidOperationException("the repository root (Taxii.sln) is not above the test binaries");
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}

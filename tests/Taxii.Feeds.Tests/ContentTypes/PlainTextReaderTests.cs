using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class PlainTextReaderTests
{
    private static readonly PlainTextReader Reader = PlainTextReader.Instance;

    [Fact]
    public async Task What_PlainTextWriter_writes_reads_back_as_one_entity_per_value()
    {
        var entity = Samples.Entity(EntityType.Indicator, "taxii:indicator-1", Samples.EveryKind);
        var package = Samples.Package(PlainTextWriter.Instance, Samples.Header(), [Samples.Add(entity)]);

        var read = await Reader.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.Entities.Should().OnlyContain(e => e.Type == EntityType.ObservableOnly && e.ExternalId == null && e.Observables!.Count == 1);

        // kinds a bare value cannot show (file names, ports, mutexes, …) are not guessed
        read.Entities.Select(e => (e.Observables![0].Kind, e.Observables[0].Value)).Should().Equal(
            (ObservableKinds.Ipv4, "198.51.100.7"), (ObservableKinds.Ipv6, "2001:db8::1"), (ObservableKinds.Domain, "evil.example.com"),
            (ObservableKinds.Url, "http://evil.example.com/a?b=1&c=<2>"), (ObservableKinds.Email, "bad@example.com"),
            (ObservableKinds.HashMd5, "d41d8cd98f00b204e9800998ecf8427e"), (ObservableKinds.HashSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            (ObservableKinds.HashSha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (ObservableKinds.HashSha512, new string('a', 128)), (ObservableKinds.Asn, "AS64500"), (ObservableKinds.Cve, "CVE-2021-44228"));
    }

    [Fact]
    public async Task Skips_comments_blank_lines_and_values_without_a_kind()
    {
        var read = await ReadAsync("\uFEFF# blocklist\r\n\r\n  192.0.2.1  \r\nevil.example.com # seen 2026-01-01\nfoo\n192.0.2.1\n");

        read.Entities.Select(e => e.Observables!.Single().Value).Should().Equal("192.0.2.1", "evil.example.com");
        read.RemovedIds.Should().BeEmpty();
    }

    [Fact]
    public async Task Refuses_a_list_in_which_nothing_has_a_kind()
    {
        var read = () => ReadAsync("# header\nhello world\nfoo\n");

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("line 2: no line holds a value of a known kind");
    }

    [Fact]
    public async Task An_empty_list_is_an_empty_package()
    {
        (await ReadAsync("# nothing today\n")).Entities.Should().BeEmpty();
    }

    [Fact]
    public async Task Refuses_a_line_longer_than_1_MiB()
    {
        var read = () => ReadAsync("192.0.2.1\n" + new string('a', PlainTextReader.MaxLineLength + 1));

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().StartWith("line 2: longer than");
    }

    private static Task<ParsedPackage> ReadAsync(string text) =>
        Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), TestContext.Current.CancellationToken);
}

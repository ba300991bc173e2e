using System.Buffers;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

/// <summary>Entities as feeds see them, and whole packages written piece by piece the way the composer does.</summary>
internal static class Samples
{
    public const string Tricky = "say \"hi\" \\ back\u0001\t\r\n é 日本 </script> =cmd";

    public static readonly DateTimeOffset Produced = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static PackageHeader Header(UpdateStrategy strategy = UpdateStrategy.Replace, int sequence = 1) =>
        new("blocklist", 42, sequence, Produced, strategy);

    public static FeedEntity Entity(
        EntityType type,
        string id,
        IReadOnlyList<FeedObservable>? observables = null,
        IReadOnlyList<NewRelation>? relations = null,
        string? title = null,
        string? data = "{\"kill_chain\":[\"delivery\"],\"score\":7}") =>
        new(
            id,
            type,
            title ?? $"{type} title",
            $"About the {type}",
            Tlp.Amber,
            'B',
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
            ["feed-a", "org b"],
            data,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            "main",
            observables ?? [],
            relations ?? []);

    public static FeedObservable Observable(string kind, string value, Maliciousness maliciousness = Maliciousness.High) =>
        new(kind, value, maliciousness, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    /// <summary>One observable of every kind Taxii knows, plus one it does not.</summary>
    public static IReadOnlyList<FeedObservable> EveryKind { get; } =
    [
        Observable(ObservableKinds.Ipv4, "198.51.100.7"),
        Observable(ObservableKinds.Ipv6, "2001:db8::1"),
        Observable(ObservableKinds.Domain, "evil.example.com"),
        Observable(ObservableKinds.Url, "http://evil.example.com/a?b=1&c=<2>"),
        Observable(ObservableKinds.Email, "bad@example.com"),
        Observable(ObservableKinds.HashMd5, "d41d8cd98f00b204e9800998ecf8427e"),
        Observable(ObservableKinds.HashSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        Observable(ObservableKinds.HashSha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Observable(ObservableKinds.HashSha512, new string('a', 128)),
        Observable(ObservableKinds.FileName, "invoice.pdf.exe"),
        Observable(ObservableKinds.Port, "4444"),
        Observable(ObservableKinds.Asn, "AS64500"),
        Observable(ObservableKinds.Cve, "CVE-2021-44228"),
        Observable(ObservableKinds.Mutex, "Global\\evil"),
        Observable(ObservableKinds.RegistryKey, "HKEY_LOCAL_MACHINE\\Software\\Evil"),
        Observable(ObservableKinds.UserAgent, "Mozilla/5.0 (evil)"),
        Observable(ObservableKinds.EmailSubject, "Your invoice"),
        Observable("bitcoin-address", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
    ];

    /// <summary>Writes a whole package: Start, then each section with its items, then End.</summary>
    public static byte[] Package(IContentWriter writer, PackageHeader header, IEnumerable<FeedChange> changes)
    {
        var output = new ArrayBufferWriter<byte>();
        writer.WriteStart(output, header);
        var section = -1;
        foreach (var change in changes)
        {
            var next = writer.SectionOf(change.Kind, change.Entity.Type);
            if (next != section)
            {
                if (section >= 0)
                {
                    writer.WriteSectionEnd(output, section);
                }

                writer.WriteSectionStart(output, next);
                section = next;
            }
            else
            {
                writer.WriteSeparator(output);
            }

            writer.WriteItem(output, header, change);
        }

        if (section >= 0)
        {
            writer.WriteSectionEnd(output, section);
        }

        writer.WriteEnd(output);
        return output.WrittenSpan.ToArray();
    }

    public static FeedChange Add(FeedEntity entity) => new(FeedChangeKind.Add, entity);

    public static FeedChange Remove(FeedEntity entity) => new(FeedChangeKind.Remove, entity);
}

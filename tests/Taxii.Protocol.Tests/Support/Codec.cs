using FluentAssertions;
using FluentAssertions.Equivalency;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Support;

/// <summary>Write/read shortcuts for tests.</summary>
internal static class Codec
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<byte[]> WriteAsync(ITaxiiMessage message, TaxiiVersion version)
    {
        using var body = new MemoryStream();
        await TaxiiMessageWriter.WriteAsync(body, message, version, Ct);
        return body.ToArray();
    }

    public static async Task<TaxiiMessageRead> ReadAsync(byte[] document) =>
        await TaxiiMessageReader.ReadAsync(new MemoryStream(document), Ct);

    public static async Task<TaxiiMessageRead> ReadAsync(string document) =>
        await ReadAsync(System.Text.Encoding.UTF8.GetBytes(document));

    /// <summary>Records hold lists, whose equality is by reference: compare member by member instead.</summary>
    public static EquivalencyAssertionOptions<T> ByMembers<T>(EquivalencyAssertionOptions<T> options) =>
        options.ComparingRecordsByMembers().RespectingRuntimeTypes().WithStrictOrdering();

    public static void ShouldEqual(this ITaxiiMessage actual, ITaxiiMessage expected) =>
        actual.Should().BeEquivalentTo(expected, ByMembers);
}

using FluentAssertions;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class ObservableKindInferenceTests
{
    [Theory]
    [InlineData("192.0.2.1", "ipv4")]
    [InlineData("256.0.2.1", null)]
    [InlineData("1", null)]
    [InlineData("2001:db8::1", "ipv6")]
    [InlineData("https://evil.example.com/path?q=1", "url")]
    [InlineData("CVE-2021-44228", "cve")]
    [InlineData("AS64500", "asn")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", "hash-md5")]
    [InlineData("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "hash-sha1")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "hash-sha256")]
    [InlineData("abcdef", null)]
    [InlineData("bad@example.com", "email")]
    [InlineData("a@b@example.com", null)]
    [InlineData("evil.example.com", "domain")]
    [InlineData("xn--bcher-kva.xn--p1ai", "domain")]
    [InlineData("invoice.pdf.exe", null)]
    [InlineData("localhost", null)]
    [InlineData("192.0.2.0/24", null)]
    [InlineData("", null)]
    public void Infers_unambiguous_shapes_only(string value, string? kind) => ObservableKindInference.Infer(value).Should().Be(kind);
}

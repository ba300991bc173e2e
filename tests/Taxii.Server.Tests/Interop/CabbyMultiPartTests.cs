using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Server.Tests.Taxii;

namespace Taxii.Server.Tests.Interop;

/// <summary>
/// cabby follows a multi-part poll result with Poll_Fulfillment requests until a part says no more: a host that puts
/// two blocks in a part answers five blocks in three parts, and cabby gets every block once.
/// </summary>
public sealed class CabbyMultiPartTests(CabbyMultiPartTests.Host app) : IClassFixture<CabbyMultiPartTests.Host>
{
    public sealed class Host : CabbyHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Taxii:Services:MaxBlocksPerPart"] = "2" };
    }

    [Fact]
    public async Task A_result_in_three_parts_is_polled_whole()
    {
        await app.CollectionAsync("in-parts");
        var contents = Enumerable.Range(1, 5).Select(n => $"<part-block>{n}</part-block>").ToList();
        foreach (var content in contents)
        {
            // one append each: blocks of one timestamp label are never split across parts
            await TestData.AddBlocksAsync(app, "in-parts", ContentBindingIds.Stix12, content);
        }

        var run = await app.CabbyAsync("taxii-poll", "1.1", "-c", "in-parts");

        run.Succeeded.Should().BeTrue(run.ToString());
        run.BlocksPolled.Should().Be(5, run.ToString());
        run.Stderr.Should().Contain("Sending Poll_Fulfillment to", "parts 2 and 3 are fetched:\n{0}", run);
        var polled = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        polled.Should().HaveCount(5);
        foreach (var content in contents)
        {
            polled.Should().ContainSingle(p => InteropStix.SameContent(p, content));
        }
    }
}

using FluentAssertions;
using Taxii.Persistence.Stores;
using Taxii.Server.Taxii.Poll;

namespace Taxii.Server.Tests.Taxii;

public sealed class PartCutterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // one block per label: cut every part size
    [InlineData(new[] { 1, 1, 1, 1, 1 }, 2, new[] { 2, 2, 1 })]
    // labels shared by several blocks stay together; a part takes whole labels up to the size
    [InlineData(new[] { 2, 2, 1, 3 }, 4, new[] { 4, 4 })]
    [InlineData(new[] { 2, 2, 1, 4 }, 4, new[] { 4, 1, 4 })]
    // one label larger than the size is a part of its own
    [InlineData(new[] { 1, 5, 1 }, 2, new[] { 1, 5, 1 })]
    [InlineData(new[] { 3 }, 2, new[] { 3 })]
    [InlineData(new int[0], 2, new[] { 0 })]
    public void Parts_hold_whole_labels(int[] groups, int partSize, int[] expectedParts)
    {
        var cutter = new PartCutter(partSize);
        var keys = new List<KeysetPosition>();
        var id = 0L;
        for (var g = 0; g < groups.Length; g++)
        {
            for (var i = 0; i < groups[g]; i++)
            {
                keys.Add(new KeysetPosition(T0.AddSeconds(g), ++id));
            }
        }

        keys.ForEach(cutter.Add);

        cutter.Total.Should().Be(keys.Count);
        var sizes = new List<int>();
        var start = 0;
        foreach (var end in cutter.Ends)
        {
            var at = keys.IndexOf(end) + 1;
            sizes.Add(at - start);
            start = at;
        }

        sizes.Add(keys.Count - start);
        sizes.Should().Equal(expectedParts);

        // fed a label's blocks at once (as the store's label groups come), it cuts the same parts
        var grouped = new PartCutter(partSize);
        foreach (var label in keys.GroupBy(k => k.Label))
        {
            grouped.Add(new LabelGroup(label.Key, label.Last().Id, label.Count()));
        }

        grouped.Total.Should().Be(cutter.Total);
        grouped.Ends.Should().Equal(cutter.Ends);
    }
}

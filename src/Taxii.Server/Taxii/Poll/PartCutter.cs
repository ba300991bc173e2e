using Taxii.Persistence.Stores;

namespace Taxii.Server.Taxii.Poll;

/// <summary>
/// Decides where the parts of a multi-part result end, fed the selected blocks' keys (or label groups) in keyset order.
/// A part ends only between two labels: for a feed each part MUST be a contiguous label range holding every matching
/// record in it ([S] §3.6), and blocks added together share a label. Parts hold at most the part size, unless one label
/// alone holds more (then that label is a part of its own, larger than the size).
/// </summary>
internal sealed class PartCutter(int partSize)
{
    private readonly List<KeysetPosition> _ends = [];
    private KeysetPosition? _groupLast;
    private KeysetPosition? _partLast;
    private long _group;
    private long _part;

    public long Total { get; private set; }

    /// <summary>The last key of every part but the last one.</summary>
    public IReadOnlyList<KeysetPosition> Ends
    {
        get
        {
            CloseGroup();
            return _ends;
        }
    }

    public void Add(KeysetPosition key) => Add(new LabelGroup(key.Label, key.Id, 1));

    /// <summary>Several consecutive blocks of one label at once (the same as adding each of their keys in order).</summary>
    public void Add(LabelGroup blocks)
    {
        if (_groupLast is { } last && last.Label != blocks.Label)
        {
            CloseGroup();
        }

        _groupLast = blocks.Last;
        _group += blocks.Count;
        Total += blocks.Count;
    }

    private void CloseGroup()
    {
        if (_group == 0)
        {
            return;
        }

        if (_part > 0 && _part + _group > partSize && _partLast is { } end)
        {
            _ends.Add(end);
            _part = 0;
        }

        _part += _group;
        _partLast = _groupLast;
        _group = 0;
    }
}

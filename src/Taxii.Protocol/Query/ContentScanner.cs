using System.Text;
using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>
/// One forward pass over a content block with an XmlReader, deciding every Criterion at once. Each target is run as a
/// small automaton over the stack of open element names (one bit per step, <see cref="TargetingExpression.MaxSteps"/>),
/// so memory is O(depth × criteria) whatever the size of the content, and nothing is loaded into a DOM. The pass stops
/// as soon as no outcome can change any more.
/// </summary>
internal sealed class ContentScanner
{
    /// <summary>Deepest content accepted: STIX nests about 20 levels; the bound keeps per-level state small.</summary>
    public const int MaxDepth = 512;

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly CompiledCriterion[] _criteria;
    private readonly bool[] _selected;
    private readonly bool[] _passed;
    private readonly bool[] _settled;
    private readonly List<ulong[]> _states = [];
    private readonly List<List<int>> _capturing = [];
    private readonly List<StringBuilder> _text = [];
    private int _settledCount;

    public ContentScanner(CompiledCriterion[] criteria)
    {
        _criteria = criteria;
        _selected = new bool[criteria.Length];
        _passed = new bool[criteria.Length];
        _settled = new bool[criteria.Length];
    }

    /// <summary>
    /// Scans the element the reader is on and its descendants, and returns each Criterion's outcome (negate applied).
    /// With <paramref name="drain"/> the reader ends on the element's end tag (or on the element when it is empty) even
    /// when the outcome was decided early, so a caller can go on reading the surrounding document.
    /// </summary>
    public bool[] Scan(XmlReader reader, bool drain)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new ArgumentException($"The reader must be on an element, not on {reader.NodeType}.", nameof(reader));
        }

        var baseDepth = reader.Depth;
        while (true)
        {
            var done = false;
            var depth = reader.Depth - baseDepth;
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    StartElement(reader, depth);
                    if (reader.IsEmptyElement)
                    {
                        EndElement(depth);
                        done = depth == 0;
                    }

                    break;
                case XmlNodeType.EndElement:
                    EndElement(depth);
                    done = depth == 0;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // text belongs to the innermost open element, one level up; only kept while a test waits for it
                    if (_capturing[depth - 1].Count > 0)
                    {
                        _text[depth - 1].Append(reader.Value);
                    }

                    break;
            }

            if (done)
            {
                break;
            }

            if (_settledCount == _criteria.Length)
            {
                if (drain)
                {
                    Drain(reader, baseDepth);
                }

                break;
            }

            if (!reader.Read())
            {
                break;
            }
        }

        var outcomes = new bool[_criteria.Length];
        for (var i = 0; i < _criteria.Length; i++)
        {
            var c = _criteria[i];
            var outcome = c.Test.Kind switch
            {
                CompiledTest.TestKind.Exists => _selected[i],
                CompiledTest.TestKind.DoesNotExist => !_selected[i],
                _ => _passed[i],
            };
            outcomes[i] = outcome != c.Negate;
        }

        return outcomes;
    }

    /// <summary>Reads on to the scanned element's end tag, without evaluating anything.</summary>
    private static void Drain(XmlReader reader, int baseDepth)
    {
        if (reader.Depth == baseDepth && (reader.IsEmptyElement || reader.NodeType == XmlNodeType.EndElement))
        {
            return;
        }

        while (reader.Read() && !(reader.Depth == baseDepth && reader.NodeType == XmlNodeType.EndElement))
        {
        }
    }

    private void StartElement(XmlReader reader, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new XmlException($"The content is nested deeper than {MaxDepth} elements.");
        }

        while (_states.Count <= depth)
        {
            _states.Add(new ulong[_criteria.Length]);
            _capturing.Add([]);
            _text.Add(new StringBuilder());
        }

        var states = _states[depth];
        var capturing = _capturing[depth];
        capturing.Clear();
        _text[depth].Clear();
        var name = reader.LocalName;
        for (var i = 0; i < _criteria.Length; i++)
        {
            var target = _criteria[i].Target;
            var parent = depth == 0 ? Closure(target, 1UL) : _states[depth - 1][i];
            states[i] = _settled[i] || parent == 0 ? 0 : Advance(target, parent, name);
            if ((states[i] & (1UL << target.Steps.Length)) == 0)
            {
                continue;
            }

            if (target.Attribute is null)
            {
                Select(i);
                if (!_settled[i])
                {
                    capturing.Add(i);
                }
            }
            else if (reader.MoveToFirstAttribute())
            {
                do
                {
                    if (reader.NamespaceURI != XmlnsNamespace
                        && (target.Attribute == "*" || string.Equals(reader.LocalName, target.Attribute, StringComparison.Ordinal)))
                    {
                        Select(i);
                        Offer(i, reader.Value);
                    }
                }
                while (!_settled[i] && reader.MoveToNextAttribute());

                reader.MoveToElement();
            }
        }
    }

    private void EndElement(int depth)
    {
        var capturing = _capturing[depth];
        if (capturing.Count == 0)
        {
            return;
        }

        var value = _text[depth].ToString();
        foreach (var i in capturing)
        {
            Offer(i, value);
        }

        capturing.Clear();
    }

    private void Select(int i)
    {
        _selected[i] = true;
        if (_criteria[i].Test.Kind != CompiledTest.TestKind.PerNode)
        {
            Settle(i);
        }
    }

    /// <summary>
    /// Applies the test to one selected node. Values are trimmed: STIX producers pretty-print, and [Q] compares the
    /// node's value, not its layout.
    /// </summary>
    private void Offer(int i, string value)
    {
        var predicate = _criteria[i].Test.Predicate;
        if (predicate is not null && !_passed[i] && predicate(value.Trim()))
        {
            _passed[i] = true;
            Settle(i);
        }
    }

    private void Settle(int i)
    {
        if (!_settled[i])
        {
            _settled[i] = true;
            _settledCount++;
        }
    }

    private static ulong Advance(TargetingExpression target, ulong states, string name)
    {
        var steps = target.Steps;
        var next = 0UL;
        for (var s = 0; s < steps.Length; s++)
        {
            if ((states & (1UL << s)) == 0)
            {
                continue;
            }

            var step = steps[s];
            next |= step.Kind switch
            {
                TargetingExpression.StepKind.AnyDepth => 1UL << s, // '**' swallows this level and stays
                TargetingExpression.StepKind.AnyOne => 1UL << (s + 1),
                _ => string.Equals(step.Name, name, StringComparison.Ordinal) ? 1UL << (s + 1) : 0,
            };
        }

        return Closure(target, next);
    }

    /// <summary>A '**' may also match no level at all, so reaching it also reaches the step after it.</summary>
    private static ulong Closure(TargetingExpression target, ulong states)
    {
        var steps = target.Steps;
        for (var s = 0; s < steps.Length; s++)
        {
            if ((states & (1UL << s)) != 0 && steps[s].Kind == TargetingExpression.StepKind.AnyDepth)
            {
                states |= 1UL << (s + 1);
            }
        }

        return states;
    }
}

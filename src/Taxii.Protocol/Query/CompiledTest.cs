namespace Taxii.Protocol.Query;

/// <summary>A compiled Test: either a predicate over each selected node's value, or an existence check.</summary>
internal sealed class CompiledTest
{
    private CompiledTest(TestKind kind, Func<string, bool>? predicate)
    {
        Kind = kind;
        Predicate = predicate;
    }

    public static CompiledTest Exists { get; } = new(TestKind.Exists, null);

    public static CompiledTest DoesNotExist { get; } = new(TestKind.DoesNotExist, null);

    public TestKind Kind { get; }

    /// <summary>Set for <see cref="TestKind.PerNode"/>: does this node's (trimmed) value pass?</summary>
    public Func<string, bool>? Predicate { get; }

    public static CompiledTest PerNode(Func<string, bool> predicate) => new(TestKind.PerNode, predicate);

    public enum TestKind
    {
        PerNode,
        Exists,
        DoesNotExist,
    }
}

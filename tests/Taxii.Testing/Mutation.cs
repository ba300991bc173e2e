using System.Text;

namespace Taxii.Testing;

/// <summary>One mutated message; <see cref="ToString"/> says how to reproduce it.</summary>
public sealed record Mutation(int Seed, int Index, int Origin, string Kinds, byte[] Body)
{
    public override string ToString() =>
        $"seed {Seed}, mutation {Index} (message #{Origin}, {Kinds}, {Body.Length} bytes): {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 2000)])}";
}

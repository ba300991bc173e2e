namespace Taxii.Feeds.Ingestion;

/// <summary>Compares SHA-256 digests by their bytes (arrays compare by reference otherwise).</summary>
internal sealed class Sha256Comparer : IEqualityComparer<byte[]>
{
    public static readonly Sha256Comparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length >= 4 ? BitConverter.ToInt32(obj, 0) : obj.Length;
}

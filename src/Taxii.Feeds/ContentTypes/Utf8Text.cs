using System.Buffers;
using System.Text;

namespace Taxii.Feeds.ContentTypes;

/// <summary>Writes text into a byte buffer as UTF-8 without an intermediate string or array.</summary>
internal static class Utf8Text
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}

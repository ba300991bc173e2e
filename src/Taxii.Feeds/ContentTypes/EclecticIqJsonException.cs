namespace Taxii.Feeds.ContentTypes;

/// <summary>An EclecticIQ JSON package that is not valid JSON or not the format; the message names the field at fault.</summary>
public sealed class EclecticIqJsonException : FormatException
{
    public EclecticIqJsonException(string message)
        : base(message)
    {
    }

    public EclecticIqJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Taxii.Feeds.ContentTypes;

/// <summary>A package is not valid content of its type; the message says where and why, without quoting content at length.</summary>
public sealed class ContentReadException : FormatException
{
    public ContentReadException(string message)
        : base(message)
    {
    }

    public ContentReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

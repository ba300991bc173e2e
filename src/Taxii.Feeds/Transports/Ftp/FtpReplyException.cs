namespace Taxii.Feeds.Transports.Ftp;

/// <summary>An FTP server answered a command with an error reply (RFC 959: 4xx transient, 5xx permanent).</summary>
/// <param name="command">The command as the run record may show it: a path, never a password.</param>
internal sealed class FtpReplyException(int code, string reply, string command)
    : Exception($"{command} was answered {reply}")
{
    public int Code { get; } = code;

    /// <summary>The server's reply line, code included, without control characters.</summary>
    public string Reply { get; } = reply;

    public string Command { get; } = command;

    /// <summary>4xx: the server is busy or the action may succeed later (421, 425, 426, 450, 451, 452).</summary>
    public bool IsTransient => Code is >= 400 and < 500;
}

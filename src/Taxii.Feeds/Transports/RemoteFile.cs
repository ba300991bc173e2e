namespace Taxii.Feeds.Transports;

/// <summary>
/// Where a package goes in a directory on a file server (SFTP, FTP): under its own file name, published atomically by
/// an upload to a hidden temporary name, then a rename.
/// </summary>
internal sealed record RemoteFile(string Directory, string Name)
{
    /// <summary>The package's file name part only, without separators, control characters or dot names.</summary>
    public static RemoteFile For(FeedPackage package, string remoteDirectory)
    {
        ArgumentNullException.ThrowIfNull(package);
        var name = package.FileName[(package.FileName.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        return name is "" or "." or ".."
            ? throw new FeedDeliveryException($"Package {package.Sequence} has no usable file name.")
            : new RemoteFile(remoteDirectory == "/" ? "" : remoteDirectory, name);
    }

    public string Final => $"{Directory}/{Name}";

    /// <summary>A new hidden name per attempt: a broken attempt may leave its file behind.</summary>
    public string NewTemporary() => $"{Directory}/.{Name}.{Guid.NewGuid():N}.tmp";

    /// <summary>Package names hold the run id, so the final name is new; one already there is not replaced.</summary>
    public FeedDeliveryException AlreadyThere(FeedPackage package, string endpoint) =>
        new($"Package {package.Sequence}: {Final} already exists on {endpoint}; it is not replaced.");
}

namespace Taxii.Core.Feeds;

/// <summary>The settings of an incoming feed's transport; only those of its transport type are set.</summary>
public sealed class IncomingTransportSettings
{
    /// <summary>TAXII poll: the remote poll service's URL (or a discovery service's, whose first poll service is used).</summary>
    public string? PollUrl { get; set; }

    /// <summary>TAXII poll: whether <see cref="PollUrl"/> names a discovery service rather than a poll service.</summary>
    public bool IsDiscoveryUrl { get; set; }

    /// <summary>TAXII poll: the remote collection; TAXII inbox: the local collection whose inbox content the feed takes.</summary>
    public string? CollectionName { get; set; }

    /// <summary>TAXII poll: "1.1" or "1.0".</summary>
    public string? TaxiiVersion { get; set; }

    public string? Username { get; set; }

    /// <summary>Encrypted with ASP.NET Data Protection; never returned by the API.</summary>
    public string? ProtectedPassword { get; set; }

    /// <summary>A PKCS#12 client certificate with its key, encrypted with ASP.NET Data Protection.</summary>
    public string? ProtectedClientCertificate { get; set; }

    public bool VerifyTls { get; set; } = true;

    /// <summary>TAXII poll: where the first poll starts (Exclusive_Begin_Timestamp); none: from the beginning.</summary>
    public DateTimeOffset? InitialBegin { get; set; }

    /// <summary>Mount point: the directory read, inside <c>Taxii:MountPoints:PollAllowedDirectories</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Mount point: file names to read, a glob such as <c>*.xml</c>; none: every file.</summary>
    public string? FilePattern { get; set; }

    /// <summary>Mount point: read subdirectories too.</summary>
    public bool Recursive { get; set; }
}

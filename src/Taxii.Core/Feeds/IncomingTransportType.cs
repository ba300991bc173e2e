namespace Taxii.Core.Feeds;

/// <summary>How an incoming feed's packages arrive.</summary>
public enum IncomingTransportType
{
    /// <summary>Polled from a remote TAXII collection.</summary>
    TaxiiPoll,

    /// <summary>Pushed by peers into a local TAXII inbox, for the feed's collection.</summary>
    TaxiiInbox,

    /// <summary>Files read from a whitelisted directory.</summary>
    MountPoint,

    /// <summary>Files uploaded through the REST API.</summary>
    ManualUpload,
}

namespace Taxii.Core.Entities;

/// <summary>Observable kinds Taxii knows; others are accepted as given (lower-case, dash-separated).</summary>
public static class ObservableKinds
{
    public const string Ipv4 = "ipv4";
    public const string Ipv6 = "ipv6";
    public const string Domain = "domain";
    public const string Url = "url";
    public const string Email = "email";
    public const string HashMd5 = "hash-md5";
    public const string HashSha1 = "hash-sha1";
    public const string HashSha256 = "hash-sha256";
    public const string HashSha512 = "hash-sha512";
    public const string FileName = "file-name";
    public const string Port = "port";
    public const string Asn = "asn";
    public const string Cve = "cve";
    public const string Mutex = "mutex";
    public const string RegistryKey = "registry-key";
    public const string UserAgent = "user-agent";
    public const string EmailSubject = "email-subject";

    public static IReadOnlyList<string> All { get; } =
        [Ipv4, Ipv6, Domain, Url, Email, HashMd5, HashSha1, HashSha256, HashSha512, FileName, Port, Asn, Cve, Mutex, RegistryKey, UserAgent, EmailSubject];
}

using Taxii.Core.Audit;

namespace Taxii.Server.Admin.Audit;

/// <summary>A page of the audit log, newest first; pass <see cref="Next"/> back as <c>before</c> for older entries (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

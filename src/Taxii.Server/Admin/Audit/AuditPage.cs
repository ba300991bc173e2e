using Taxii.Core.Audit;

namespace Taxii.Server.Admin.Audit;

/// <summary>A page of the audit log; pass <see cref="Next"/> back as <c>after</c>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

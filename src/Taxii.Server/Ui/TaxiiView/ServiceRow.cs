using System.Linq.Expressions;
using Taxii.Core.Collections;

namespace Taxii.Server.Ui.TaxiiView;

/// <summary>A row of the TAXII view.</summary>
internal sealed record ServiceRow(int Id, string Path, string? Description, ServiceType Type, bool Available, bool AuthenticationRequired, int Collections)
{
    public static readonly Expression<Func<Service, ServiceRow>> Projection = s =>
        new ServiceRow(s.Id, s.Path, s.Description, s.Type, s.Available, s.AuthenticationRequired, s.Collections.Count);
}

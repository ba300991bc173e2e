using Microsoft.EntityFrameworkCore.Design;

namespace Taxii.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>, which builds the model without connecting.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TaxiiDbContext>
{
    public TaxiiDbContext CreateDbContext(string[] args) =>
        new(DependencyInjection.CreateOptions("Host=localhost;Database=taxii_design"));
}

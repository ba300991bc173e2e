namespace Taxii.Persistence;

/// <summary><c>Taxii:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Taxii:Database";

    public const string ConnectionStringName = "Taxii";

    /// <summary>Apply pending migrations when the host starts; turn off in production and run <c>migrate</c> instead.</summary>
    public bool MigrateAtStart { get; set; } = true;
}

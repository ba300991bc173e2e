using Npgsql;
using Taxii.Persistence;

namespace Taxii.Server.Hosting;

/// <summary>
/// <c>Taxii:Database:PasswordFile</c>: the database password read from a file (a container secret such as
/// <c>/run/secrets/taxii-db-password</c>) into <c>ConnectionStrings:Taxii</c>, so it appears in no environment
/// variable, command line or settings file.
/// </summary>
internal static class DatabasePassword
{
    public const string Setting = "Taxii:Database:PasswordFile";

    public static void Apply(IConfiguration configuration)
    {
        var file = configuration[Setting];
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        var key = $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}";
        var connectionString = configuration[key];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SettingException($"{Setting} is set but ConnectionStrings:Taxii is not: the password file is for a PostgreSQL of your own.");
        }

        string password;
        try
        {
            // a secret file usually ends with the newline its writer added
            password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingException($"{Setting} '{file}' cannot be read: {e.Message}");
        }

        configuration[key] = new NpgsqlConnectionStringBuilder(connectionString) { Password = password }.ConnectionString;
    }
}

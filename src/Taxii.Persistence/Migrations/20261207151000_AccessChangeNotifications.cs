using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <summary>
    /// Statement triggers on the tables that decide who may do what (users, groups, roles, tokens, certificates, and the
    /// TAXII services, collections and their rights) notify channel <c>taxii_access</c> after a change
    /// commits, whoever wrote it (another host, the command line, plain SQL): each host drops what it cached about its
    /// callers (<see cref="AccessChanges"/>). No model change: the tables are as they were.
    /// </summary>
    [DbContext(typeof(TaxiiDbContext))]
    [Migration("20261207151000_AccessChangeNotifications")]
    public partial class AccessChangeNotifications : Migration
    {
        private static readonly string[] Tables =
        [
            "users", "groups", "group_memberships", "roles", "group_roles", "user_roles", "user_certificates",
            "services", "collections", "service_collections", "collection_access",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION taxii_notify_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('taxii_access', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER taxii_access_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION taxii_notify_access_change();
                    """);
            }

            // a token's last use is written as it is used, which changes nobody's access
            migrationBuilder.Sql("""
                CREATE TRIGGER taxii_access_change AFTER INSERT OR DELETE OR TRUNCATE ON api_tokens
                    FOR EACH STATEMENT EXECUTE FUNCTION taxii_notify_access_change();
                CREATE TRIGGER taxii_access_change_update AFTER UPDATE OF user_id, secret_hash, expires_at, revoked_at ON api_tokens
                    FOR EACH STATEMENT EXECUTE FUNCTION taxii_notify_access_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER taxii_access_change ON {table};");
            }

            migrationBuilder.Sql("""
                DROP TRIGGER taxii_access_change ON api_tokens;
                DROP TRIGGER taxii_access_change_update ON api_tokens;
                DROP FUNCTION taxii_notify_access_change();
                """);
        }
    }
}

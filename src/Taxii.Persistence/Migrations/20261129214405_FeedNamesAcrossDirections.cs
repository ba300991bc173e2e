using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <summary>
    /// Feed names are unique across incoming and outgoing feeds, decided by the database: each table's unique index
    /// covers its own direction, and a trigger on each refuses a name the other table holds (SQLSTATE 23505, as the
    /// index would). The triggers take one transaction-scoped advisory lock first, so two hosts creating the same name
    /// in both directions at once are serialised and the second sees the first's committed row.
    /// </summary>
    public partial class FeedNamesAcrossDirections : Migration
    {
        private static readonly (string Table, string Other)[] Directions = [("incoming_feeds", "outgoing_feeds"), ("outgoing_feeds", "incoming_feeds")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, other) in Directions)
            {
                migrationBuilder.Sql($"""
                    CREATE FUNCTION {table}_name_unique_across_directions() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        PERFORM pg_advisory_xact_lock(hashtext('taxii feed names'));
                        IF EXISTS (SELECT 1 FROM {other} WHERE name = NEW.name) THEN
                            RAISE EXCEPTION 'a feed named % already exists', NEW.name
                                USING ERRCODE = 'unique_violation', TABLE = '{table}', COLUMN = 'name';
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER {table}_name_unique_across_directions
                        BEFORE INSERT OR UPDATE OF name ON {table}
                        FOR EACH ROW EXECUTE FUNCTION {table}_name_unique_across_directions();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Directions)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_name_unique_across_directions ON {table};
                    DROP FUNCTION {table}_name_unique_across_directions();
                    """);
            }
        }
    }
}

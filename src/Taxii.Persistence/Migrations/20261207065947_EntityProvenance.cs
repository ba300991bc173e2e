using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EntityProvenance : Migration
    {
        /// <summary>
        /// What is known of existing entities' provenance, from the records writers left: incoming feed runs (with the
        /// datasets their packages went to), uploads to feeds and to datasets, and REST additions (the audit log). An entity
        /// written (created, or last changed) while exactly one writer was storing into its dataset is that writer's; where
        /// writers overlap, or none is known, nothing is recorded. Users' groups are their groups at migration time.
        /// </summary>
        private const string Backfill = """
            CREATE TEMPORARY TABLE provenance_writers (dataset_id integer, feed_id integer, user_id integer,
                                                       since timestamptz, until timestamptz) ON COMMIT DROP;

            -- runs of incoming feeds that stored packages, with the uploader of an upload run (audited during the run)
            INSERT INTO provenance_writers
            SELECT DISTINCT p.dataset_id, r.feed_id,
                   CASE WHEN r.trigger = 'Upload' THEN (
                       SELECT a.user_id FROM audit_log a
                       WHERE a.action = 'upload' AND a.resource = 'incoming-feeds/' || r.feed_id
                         AND a.at BETWEEN r.queued_at AND coalesce(r.ended_at, 'infinity')
                       ORDER BY a.at LIMIT 1) END,
                   r.started_at, coalesce(r.ended_at, 'infinity')
            FROM ingested_packages p JOIN incoming_feed_runs r ON r.id = p.run_id
            WHERE r.started_at IS NOT NULL;

            -- uploads straight into a dataset: from the package's record to the audit entry written after it
            INSERT INTO provenance_writers
            SELECT p.dataset_id, NULL, a.user_id, p.ingested_at, a.at
            FROM ingested_packages p
            CROSS JOIN LATERAL (
                SELECT a.user_id, a.at FROM audit_log a
                WHERE a.action = 'upload' AND a.resource = 'datasets/' || p.dataset_id AND a.at >= p.ingested_at
                ORDER BY a.at LIMIT 1) a
            WHERE p.feed_id IS NULL AND a.user_id IS NOT NULL;

            -- REST additions: audited just after the entities were written (within the request)
            INSERT INTO provenance_writers
            SELECT substring(a.resource FROM '^datasets/([0-9]+)/entities$')::integer, NULL, a.user_id, a.at - interval '1 minute', a.at
            FROM audit_log a
            WHERE a.action = 'add' AND a.resource ~ '^datasets/[0-9]+/entities$' AND a.user_id IS NOT NULL;

            CREATE TEMPORARY TABLE provenance_found ON COMMIT DROP AS
            SELECT DISTINCT e.id AS entity_id, w.feed_id, w.user_id
            FROM entities e
            CROSS JOIN LATERAL (VALUES (e.created_at), (e.updated_at)) AS t(at)
            CROSS JOIN LATERAL (
                SELECT min(w.feed_id) AS feed_id, min(w.user_id) AS user_id FROM provenance_writers w
                WHERE w.dataset_id = e.dataset_id AND t.at BETWEEN w.since AND w.until
                HAVING count(DISTINCT (w.feed_id, w.user_id)) = 1) w;

            INSERT INTO entity_incoming_feeds (entity_id, incoming_feed_id)
            SELECT f.entity_id, f.feed_id FROM provenance_found f
            WHERE f.feed_id IS NOT NULL AND EXISTS (SELECT 1 FROM incoming_feeds i WHERE i.id = f.feed_id)
            ON CONFLICT DO NOTHING;

            INSERT INTO entity_contributors (entity_id, user_id)
            SELECT f.entity_id, f.user_id FROM provenance_found f
            WHERE f.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = f.user_id)
            ON CONFLICT DO NOTHING;

            INSERT INTO entity_contributor_groups (entity_id, group_id)
            SELECT f.entity_id, m.group_id FROM provenance_found f JOIN group_memberships m ON m.user_id = f.user_id
            ON CONFLICT DO NOTHING;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entity_contributor_groups",
                columns: table => new
                {
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_contributor_groups", x => new { x.entity_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_entity_contributor_groups_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entity_contributor_groups_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entity_contributors",
                columns: table => new
                {
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_contributors", x => new { x.entity_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_entity_contributors_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entity_contributors_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entity_incoming_feeds",
                columns: table => new
                {
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    incoming_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_incoming_feeds", x => new { x.entity_id, x.incoming_feed_id });
                    table.ForeignKey(
                        name: "fk_entity_incoming_feeds_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entity_incoming_feeds_incoming_feeds_incoming_feed_id",
                        column: x => x.incoming_feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entity_contributor_groups_group_id_entity_id",
                table: "entity_contributor_groups",
                columns: new[] { "group_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_contributors_user_id_entity_id",
                table: "entity_contributors",
                columns: new[] { "user_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_incoming_feeds_incoming_feed_id_entity_id",
                table: "entity_incoming_feeds",
                columns: new[] { "incoming_feed_id", "entity_id" });

            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entity_contributor_groups");

            migrationBuilder.DropTable(
                name: "entity_contributors");

            migrationBuilder.DropTable(
                name: "entity_incoming_feeds");
        }
    }
}

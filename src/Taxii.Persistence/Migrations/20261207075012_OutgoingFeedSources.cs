using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutgoingFeedSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "owner_id",
                table: "outgoing_feeds",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "outgoing_feed_incoming_feeds",
                columns: table => new
                {
                    incoming_feed_id = table.Column<int>(type: "integer", nullable: false),
                    outgoing_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_incoming_feeds", x => new { x.incoming_feed_id, x.outgoing_feed_id });
                    table.ForeignKey(
                        name: "fk_outgoing_feed_incoming_feeds_incoming_feeds_incoming_feed_id",
                        column: x => x.incoming_feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_incoming_feeds_outgoing_feeds_outgoing_feed_id",
                        column: x => x.outgoing_feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_source_groups",
                columns: table => new
                {
                    group_id = table.Column<int>(type: "integer", nullable: false),
                    outgoing_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_source_groups", x => new { x.group_id, x.outgoing_feed_id });
                    table.ForeignKey(
                        name: "fk_outgoing_feed_source_groups_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_source_groups_outgoing_feeds_outgoing_feed_id",
                        column: x => x.outgoing_feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feeds_owner_id",
                table: "outgoing_feeds",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_incoming_feeds_outgoing_feed_id",
                table: "outgoing_feed_incoming_feeds",
                column: "outgoing_feed_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_source_groups_outgoing_feed_id",
                table: "outgoing_feed_source_groups",
                column: "outgoing_feed_id");

            migrationBuilder.AddForeignKey(
                name: "fk_outgoing_feeds_users_owner_id",
                table: "outgoing_feeds",
                column: "owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            // the owner of an existing feed: who last saved it, as the audit log tells
            migrationBuilder.Sql("""
                UPDATE outgoing_feeds f SET owner_id = (
                    SELECT a.user_id FROM audit_log a JOIN users u ON u.id = a.user_id
                    WHERE a.action IN ('create', 'update') AND a.resource = 'outgoing-feeds/' || f.id
                    ORDER BY a.at DESC, a.id DESC LIMIT 1)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_outgoing_feeds_users_owner_id",
                table: "outgoing_feeds");

            migrationBuilder.DropTable(
                name: "outgoing_feed_incoming_feeds");

            migrationBuilder.DropTable(
                name: "outgoing_feed_source_groups");

            migrationBuilder.DropIndex(
                name: "ix_outgoing_feeds_owner_id",
                table: "outgoing_feeds");

            migrationBuilder.DropColumn(
                name: "owner_id",
                table: "outgoing_feeds");
        }
    }
}

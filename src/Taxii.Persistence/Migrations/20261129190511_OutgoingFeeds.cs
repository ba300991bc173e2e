using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutgoingFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "entity_relations",
                columns: table => new
                {
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_external_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_relations", x => new { x.entity_id, x.type, x.target_external_id });
                    table.ForeignKey(
                        name: "fk_entity_relations_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feeds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    transport_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    update_strategy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    schedule = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filter = table.Column<string>(type: "jsonb", nullable: false),
                    transport = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feeds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_datasets",
                columns: table => new
                {
                    datasets_id = table.Column<int>(type: "integer", nullable: false),
                    outgoing_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_datasets", x => new { x.datasets_id, x.outgoing_feed_id });
                    table.ForeignKey(
                        name: "fk_outgoing_feed_datasets_datasets_datasets_id",
                        column: x => x.datasets_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_datasets_outgoing_feeds_outgoing_feed_id",
                        column: x => x.outgoing_feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_groups",
                columns: table => new
                {
                    groups_id = table.Column<int>(type: "integer", nullable: false),
                    outgoing_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_groups", x => new { x.groups_id, x.outgoing_feed_id });
                    table.ForeignKey(
                        name: "fk_outgoing_feed_groups_groups_groups_id",
                        column: x => x.groups_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_groups_outgoing_feeds_outgoing_feed_id",
                        column: x => x.outgoing_feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_items",
                columns: table => new
                {
                    feed_id = table.Column<int>(type: "integer", nullable: false),
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    external_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    observables = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_items", x => new { x.feed_id, x.entity_id });
                    table.ForeignKey(
                        name: "fk_outgoing_feed_items_outgoing_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    feed_id = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entity_count = table.Column<int>(type: "integer", nullable: false),
                    removed_count = table.Column<int>(type: "integer", nullable: false),
                    observable_count = table.Column<int>(type: "integer", nullable: false),
                    package_count = table.Column<int>(type: "integer", nullable: false),
                    total_bytes = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_runs_outgoing_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "outgoing_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_feed_packages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    media_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    entity_count = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_feed_packages", x => x.id);
                    table.ForeignKey(
                        name: "fk_outgoing_feed_packages_outgoing_feed_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "outgoing_feed_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entity_relations_target_external_id",
                table: "entity_relations",
                column: "target_external_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_datasets_outgoing_feed_id",
                table: "outgoing_feed_datasets",
                column: "outgoing_feed_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_groups_outgoing_feed_id",
                table: "outgoing_feed_groups",
                column: "outgoing_feed_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_packages_run_id_sequence",
                table: "outgoing_feed_packages",
                columns: new[] { "run_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_runs_feed_id_id",
                table: "outgoing_feed_runs",
                columns: new[] { "feed_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feed_runs_one_active",
                table: "outgoing_feed_runs",
                column: "feed_id",
                unique: true,
                filter: "status IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_feeds_name",
                table: "outgoing_feeds",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "entity_relations");

            migrationBuilder.DropTable(
                name: "outgoing_feed_datasets");

            migrationBuilder.DropTable(
                name: "outgoing_feed_groups");

            migrationBuilder.DropTable(
                name: "outgoing_feed_items");

            migrationBuilder.DropTable(
                name: "outgoing_feed_packages");

            migrationBuilder.DropTable(
                name: "outgoing_feed_runs");

            migrationBuilder.DropTable(
                name: "outgoing_feeds");
        }
    }
}

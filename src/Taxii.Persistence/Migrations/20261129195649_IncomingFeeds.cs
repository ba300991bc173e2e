using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IncomingFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "sender_user_id",
                table: "content_blocks",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incoming_feeds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    transport_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    schedule = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    last_inclusive_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_content_block_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    transport = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_feeds", x => x.id);
                    table.ForeignKey(
                        name: "fk_incoming_feeds_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incoming_feed_groups",
                columns: table => new
                {
                    groups_id = table.Column<int>(type: "integer", nullable: false),
                    incoming_feed_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_feed_groups", x => new { x.groups_id, x.incoming_feed_id });
                    table.ForeignKey(
                        name: "fk_incoming_feed_groups_groups_groups_id",
                        column: x => x.groups_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incoming_feed_groups_incoming_feeds_incoming_feed_id",
                        column: x => x.incoming_feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incoming_feed_runs",
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
                    package_count = table.Column<int>(type: "integer", nullable: false),
                    skipped_package_count = table.Column<int>(type: "integer", nullable: false),
                    failed_package_count = table.Column<int>(type: "integer", nullable: false),
                    entities_created = table.Column<int>(type: "integer", nullable: false),
                    entities_updated = table.Column<int>(type: "integer", nullable: false),
                    entities_unchanged = table.Column<int>(type: "integer", nullable: false),
                    entities_removed = table.Column<int>(type: "integer", nullable: false),
                    observable_count = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_feed_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_incoming_feed_runs_incoming_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingested_packages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    feed_id = table.Column<int>(type: "integer", nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    source = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ingested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingested_packages", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingested_packages_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ingested_packages_incoming_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "mount_point_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    feed_id = table.Column<int>(type: "integer", nullable: false),
                    path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mount_point_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_mount_point_files_incoming_feeds_feed_id",
                        column: x => x.feed_id,
                        principalTable: "incoming_feeds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incoming_feed_run_errors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    package = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    reason = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_feed_run_errors", x => x.id);
                    table.ForeignKey(
                        name: "fk_incoming_feed_run_errors_incoming_feed_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "incoming_feed_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_content_blocks_sender_user_id",
                table: "content_blocks",
                column: "sender_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feed_groups_incoming_feed_id",
                table: "incoming_feed_groups",
                column: "incoming_feed_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feed_run_errors_run_id",
                table: "incoming_feed_run_errors",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feed_runs_feed_id_id",
                table: "incoming_feed_runs",
                columns: new[] { "feed_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feed_runs_one_active",
                table: "incoming_feed_runs",
                column: "feed_id",
                unique: true,
                filter: "status IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feeds_dataset_id",
                table: "incoming_feeds",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_feeds_name",
                table: "incoming_feeds",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingested_packages_dataset_id_sha256",
                table: "ingested_packages",
                columns: new[] { "dataset_id", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingested_packages_feed_id",
                table: "ingested_packages",
                column: "feed_id");

            migrationBuilder.CreateIndex(
                name: "ix_mount_point_files_feed_id_path_size_sha256",
                table: "mount_point_files",
                columns: new[] { "feed_id", "path", "size", "sha256" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_content_blocks_users_sender_user_id",
                table: "content_blocks",
                column: "sender_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_content_blocks_users_sender_user_id",
                table: "content_blocks");

            migrationBuilder.DropTable(
                name: "incoming_feed_groups");

            migrationBuilder.DropTable(
                name: "incoming_feed_run_errors");

            migrationBuilder.DropTable(
                name: "ingested_packages");

            migrationBuilder.DropTable(
                name: "mount_point_files");

            migrationBuilder.DropTable(
                name: "incoming_feed_runs");

            migrationBuilder.DropTable(
                name: "incoming_feeds");

            migrationBuilder.DropIndex(
                name: "ix_content_blocks_sender_user_id",
                table: "content_blocks");

            migrationBuilder.DropColumn(
                name: "sender_user_id",
                table: "content_blocks");
        }
    }
}

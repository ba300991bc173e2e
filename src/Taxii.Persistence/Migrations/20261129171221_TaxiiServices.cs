using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TaxiiServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "destination_collection_required",
                table: "services",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "collection_access",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false),
                    can_read = table.Column<bool>(type: "boolean", nullable: false),
                    can_write = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_access", x => new { x.collection_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_collection_access_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_access_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "poll_results",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    exclusive_begin = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    inclusive_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    response_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_bindings = table.Column<List<string>>(type: "text[]", nullable: false),
                    query_format_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    query_xml = table.Column<string>(type: "text", nullable: true),
                    part_size = table.Column<int>(type: "integer", nullable: false),
                    total_blocks = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_poll_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_poll_results_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_poll_results_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    protocol_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    response_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_bindings = table.Column<List<string>>(type: "text[]", nullable: false),
                    query_format_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    query_xml = table.Column<string>(type: "text", nullable: true),
                    push_address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    push_protocol_binding = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    push_message_binding = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    delivered_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriptions_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_subscriptions_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_subscriptions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "poll_result_parts",
                columns: table => new
                {
                    result_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    part_number = table.Column<int>(type: "integer", nullable: false),
                    after_label = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    after_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_poll_result_parts", x => new { x.result_id, x.part_number });
                    table.ForeignKey(
                        name: "fk_poll_result_parts_poll_results_result_id",
                        column: x => x.result_id,
                        principalTable: "poll_results",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscription_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subscription_id = table.Column<string>(type: "character varying(2048)", nullable: false),
                    exclusive_begin = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    inclusive_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    block_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscription_deliveries_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_access_group_id",
                table: "collection_access",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_poll_results_collection_id",
                table: "poll_results",
                column: "collection_id");

            migrationBuilder.CreateIndex(
                name: "ix_poll_results_expires_at",
                table: "poll_results",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_poll_results_user_id",
                table: "poll_results",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscription_deliveries_subscription_id_id",
                table: "subscription_deliveries",
                columns: new[] { "subscription_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_collection_id_status",
                table: "subscriptions",
                columns: new[] { "collection_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_service_id",
                table: "subscriptions",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_user_id",
                table: "subscriptions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_access");

            migrationBuilder.DropTable(
                name: "poll_result_parts");

            migrationBuilder.DropTable(
                name: "subscription_deliveries");

            migrationBuilder.DropTable(
                name: "poll_results");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropColumn(
                name: "destination_collection_required",
                table: "services");
        }
    }
}

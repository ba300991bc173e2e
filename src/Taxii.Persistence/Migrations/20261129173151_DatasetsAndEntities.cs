using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DatasetsAndEntities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collection_source_datasets",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    source_datasets_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_source_datasets", x => new { x.collection_id, x.source_datasets_id });
                    table.ForeignKey(
                        name: "fk_collection_source_datasets_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_source_datasets_datasets_source_datasets_id",
                        column: x => x.source_datasets_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_access",
                columns: table => new
                {
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_access", x => new { x.dataset_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_dataset_access_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dataset_access_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    external_id = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    reliability = table.Column<char>(type: "character(1)", nullable: true),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: true),
                    content_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    raw_content_block_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.id);
                    table.ForeignKey(
                        name: "fk_entities_content_blocks_raw_content_block_id",
                        column: x => x.raw_content_block_id,
                        principalTable: "content_blocks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_entities_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "observables",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: false),
                    maliciousness = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observables", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "entity_observables",
                columns: table => new
                {
                    entities_id = table.Column<long>(type: "bigint", nullable: false),
                    observables_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_observables", x => new { x.entities_id, x.observables_id });
                    table.ForeignKey(
                        name: "fk_entity_observables_entities_entities_id",
                        column: x => x.entities_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entity_observables_observables_observables_id",
                        column: x => x.observables_id,
                        principalTable: "observables",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_source_datasets_source_datasets_id",
                table: "collection_source_datasets",
                column: "source_datasets_id");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_access_group_id",
                table: "dataset_access",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_entities_dataset_id_content_hash",
                table: "entities",
                columns: new[] { "dataset_id", "content_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_dataset_id_external_id",
                table: "entities",
                columns: new[] { "dataset_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entities_dataset_id_type_id",
                table: "entities",
                columns: new[] { "dataset_id", "type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_dataset_id_updated_at_id",
                table: "entities",
                columns: new[] { "dataset_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_entities_raw_content_block_id",
                table: "entities",
                column: "raw_content_block_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_observables_observables_id",
                table: "entity_observables",
                column: "observables_id");

            migrationBuilder.CreateIndex(
                name: "ix_observables_kind_value",
                table: "observables",
                columns: new[] { "kind", "value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_observables_value",
                table: "observables",
                column: "value");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_source_datasets");

            migrationBuilder.DropTable(
                name: "dataset_access");

            migrationBuilder.DropTable(
                name: "entity_observables");

            migrationBuilder.DropTable(
                name: "entities");

            migrationBuilder.DropTable(
                name: "observables");
        }
    }
}

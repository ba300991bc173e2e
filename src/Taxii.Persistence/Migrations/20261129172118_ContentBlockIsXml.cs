using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContentBlockIsXml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_xml",
                table: "content_blocks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_xml",
                table: "content_blocks");
        }
    }
}

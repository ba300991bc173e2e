using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <summary>
    /// Services advertise the TAXII Default Query in discovery only when an administrator turns it on: existing services,
    /// which advertised it implicitly and so were unusable from cabby/libtaxii, start with it off.
    /// </summary>
    public partial class ServiceAdvertiseDefaultQuery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "advertise_default_query",
                table: "services",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "advertise_default_query",
                table: "services");
        }
    }
}

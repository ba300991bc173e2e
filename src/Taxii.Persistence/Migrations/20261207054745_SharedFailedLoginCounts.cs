using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <summary>
    /// Failed-login counts move from each process's memory to this table, so every host on the database counts the same
    /// failures: a client can no longer multiply its guesses by the number of hosts behind a load balancer.
    /// </summary>
    public partial class SharedFailedLoginCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "failed_login_counts",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_failed_login_counts", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_failed_login_counts_window_start",
                table: "failed_login_counts",
                column: "window_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "failed_login_counts");
        }
    }
}

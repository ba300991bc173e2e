using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Taxii.Persistence.Migrations
{
    /// <summary>
    /// Stored content (<c>content_blocks.content</c>, blocks of a few KB that PostgreSQL compresses when it moves them out of
    /// line) is compressed with lz4 instead of the default pglz: in a profile of the 100-block inbox, pglz_compress was about
    /// a third of PostgreSQL's CPU (docs/performance.md). Rows already stored keep their compression; reading either is
    /// transparent. A server built without lz4 (or older than PostgreSQL 14) keeps pglz: the change is skipped with a
    /// notice, not an error. No model change.
    /// </summary>
    [DbContext(typeof(TaxiiDbContext))]
    [Migration("20261207213000_ContentCompressionLz4")]
    public partial class ContentCompressionLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE content_blocks ALTER COLUMN content SET COMPRESSION lz4';
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'content_blocks.content keeps the default compression: %', SQLERRM;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE content_blocks ALTER COLUMN content SET COMPRESSION default';
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'content_blocks.content compression unchanged: %', SQLERRM;
                END
                $$;
                """);
        }
    }
}

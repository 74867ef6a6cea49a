using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaperStaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "sheet",
                table: "paper_batches",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sheet",
                table: "paper_batches");
        }
    }
}

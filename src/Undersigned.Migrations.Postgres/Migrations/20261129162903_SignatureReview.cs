using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignatureReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "held_for_review",
                table: "signatures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "review_flags",
                table: "signatures",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "held_for_review",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "review_flags",
                table: "signatures");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddressRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "address_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_address_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_address_requests_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_address_requests_petition_id",
                table: "address_requests",
                column: "petition_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_requests");
        }
    }
}

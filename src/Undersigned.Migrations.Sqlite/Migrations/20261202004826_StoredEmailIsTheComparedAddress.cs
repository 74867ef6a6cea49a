using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoredEmailIsTheComparedAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The address written to is the one compared: signatures stored before kept the typed form beside it.
            // Erased signatures (email '') keep their placeholder key.
            migrationBuilder.Sql("UPDATE signatures SET email = normalized_email WHERE email <> '' AND email <> normalized_email;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The typed forms are gone; the canonical ones reach the same mailboxes.
        }
    }
}

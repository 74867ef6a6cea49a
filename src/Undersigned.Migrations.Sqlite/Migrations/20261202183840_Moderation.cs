using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "burst_id",
                table: "signatures",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_reason",
                table: "signatures",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "paper_batch_id",
                table: "signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_status",
                table: "signatures",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "held_count",
                table: "petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "invalidated_count",
                table: "petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "paper_count",
                table: "petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "invalidation_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    criteria = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    matched = table.Column<int>(type: "INTEGER", nullable: false),
                    invalidated = table.Column<int>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    up_to_id = table.Column<long>(type: "INTEGER", nullable: false),
                    cancel_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    cancelled_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invalidation_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_invalidation_jobs_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "moderation_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    staff_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    criteria = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_moderation_entries_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "paper_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    undone_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    undone_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_batches_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trend_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 105, nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    emailed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trend_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_trend_alerts_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signatures_paper_batch_id",
                table: "signatures",
                column: "paper_batch_id",
                filter: "paper_batch_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invalidation_jobs_petition_id",
                table: "invalidation_jobs",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "ix_invalidation_jobs_state_id",
                table: "invalidation_jobs",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_moderation_entries_petition_id_id",
                table: "moderation_entries",
                columns: new[] { "petition_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_paper_batches_petition_id",
                table: "paper_batches",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "ix_trend_alerts_petition_id_kind_key_hour",
                table: "trend_alerts",
                columns: new[] { "petition_id", "kind", "key", "hour" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trend_alerts_raised_at",
                table: "trend_alerts",
                column: "raised_at");

            migrationBuilder.AddForeignKey(
                name: "fk_signatures_paper_batches_paper_batch_id",
                table: "signatures",
                column: "paper_batch_id",
                principalTable: "paper_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
            // Signatures held before this migration: the new tally starts from them.
            migrationBuilder.Sql("UPDATE petitions SET held_count = (SELECT count(*) FROM signatures s WHERE s.petition_id = petitions.id AND s.status = 'Held')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_signatures_paper_batches_paper_batch_id",
                table: "signatures");

            migrationBuilder.DropTable(
                name: "invalidation_jobs");

            migrationBuilder.DropTable(
                name: "moderation_entries");

            migrationBuilder.DropTable(
                name: "paper_batches");

            migrationBuilder.DropTable(
                name: "trend_alerts");

            migrationBuilder.DropIndex(
                name: "ix_signatures_paper_batch_id",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "burst_id",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "hold_reason",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "paper_batch_id",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "previous_status",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "held_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "invalidated_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "paper_count",
                table: "petitions");
        }
    }
}

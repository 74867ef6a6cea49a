using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpenDataCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signature_counters",
                columns: table => new
                {
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signature_counters", x => new { x.petition_id, x.kind, x.key });
                    table.ForeignKey(
                        name: "fk_signature_counters_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Counters for the signatures already counted, as the app keeps them from now on (the state by the ZIP
            // code's first three digits, as Features/Petitions/UsStates.cs has them today).
            migrationBuilder.Sql("""
                INSERT INTO signature_counters (petition_id, kind, key, count)
                SELECT petition_id, 'Country', country, COUNT(*) FROM signatures WHERE status = 'Counted' GROUP BY petition_id, country
                """);
            migrationBuilder.Sql("""
                INSERT INTO signature_counters (petition_id, kind, key, count)
                SELECT petition_id, 'Hour', substr(created_at, 1, 10) || 'T' || substr(created_at, 12, 2), COUNT(*) FROM signatures WHERE status = 'Counted'
                GROUP BY petition_id, substr(created_at, 1, 10) || 'T' || substr(created_at, 12, 2)
                """);
            migrationBuilder.Sql("""
                INSERT INTO signature_counters (petition_id, kind, key, count)
                SELECT petition_id, 'State', state, COUNT(*) FROM (
                    SELECT petition_id, CASE WHEN z BETWEEN 5 AND 5 THEN 'NY' WHEN z BETWEEN 6 AND 7 THEN 'PR' WHEN z BETWEEN 8 AND 8 THEN 'VI' WHEN z BETWEEN 9 AND 9 THEN 'PR' WHEN z BETWEEN 10 AND 27 THEN 'MA' WHEN z BETWEEN 28 AND 29 THEN 'RI' WHEN z BETWEEN 30 AND 38 THEN 'NH' WHEN z BETWEEN 39 AND 49 THEN 'ME' WHEN z BETWEEN 50 AND 54 THEN 'VT' WHEN z BETWEEN 55 AND 55 THEN 'MA' WHEN z BETWEEN 56 AND 59 THEN 'VT' WHEN z BETWEEN 60 AND 69 THEN 'CT' WHEN z BETWEEN 70 AND 89 THEN 'NJ' WHEN z BETWEEN 90 AND 99 THEN 'AE' WHEN z BETWEEN 100 AND 149 THEN 'NY' WHEN z BETWEEN 150 AND 196 THEN 'PA' WHEN z BETWEEN 197 AND 199 THEN 'DE' WHEN z BETWEEN 200 AND 200 THEN 'DC' WHEN z BETWEEN 201 AND 201 THEN 'VA' WHEN z BETWEEN 202 AND 205 THEN 'DC' WHEN z BETWEEN 206 AND 219 THEN 'MD' WHEN z BETWEEN 220 AND 246 THEN 'VA' WHEN z BETWEEN 247 AND 268 THEN 'WV' WHEN z BETWEEN 270 AND 289 THEN 'NC' WHEN z BETWEEN 290 AND 299 THEN 'SC' WHEN z BETWEEN 300 AND 319 THEN 'GA' WHEN z BETWEEN 320 AND 339 THEN 'FL' WHEN z BETWEEN 340 AND 340 THEN 'AA' WHEN z BETWEEN 341 AND 349 THEN 'FL' WHEN z BETWEEN 350 AND 369 THEN 'AL' WHEN z BETWEEN 370 AND 385 THEN 'TN' WHEN z BETWEEN 386 AND 397 THEN 'MS' WHEN z BETWEEN 398 AND 399 THEN 'GA' WHEN z BETWEEN 400 AND 427 THEN 'KY' WHEN z BETWEEN 430 AND 459 THEN 'OH' WHEN z BETWEEN 460 AND 479 THEN 'IN' WHEN z BETWEEN 480 AND 499 THEN 'MI' WHEN z BETWEEN 500 AND 528 THEN 'IA' WHEN z BETWEEN 530 AND 549 THEN 'WI' WHEN z BETWEEN 550 AND 567 THEN 'MN' WHEN z BETWEEN 569 AND 569 THEN 'DC' WHEN z BETWEEN 570 AND 577 THEN 'SD' WHEN z BETWEEN 580 AND 588 THEN 'ND' WHEN z BETWEEN 590 AND 599 THEN 'MT' WHEN z BETWEEN 600 AND 629 THEN 'IL' WHEN z BETWEEN 630 AND 658 THEN 'MO' WHEN z BETWEEN 660 AND 679 THEN 'KS' WHEN z BETWEEN 680 AND 693 THEN 'NE' WHEN z BETWEEN 700 AND 714 THEN 'LA' WHEN z BETWEEN 716 AND 729 THEN 'AR' WHEN z BETWEEN 730 AND 732 THEN 'OK' WHEN z BETWEEN 733 AND 733 THEN 'TX' WHEN z BETWEEN 734 AND 749 THEN 'OK' WHEN z BETWEEN 750 AND 799 THEN 'TX' WHEN z BETWEEN 800 AND 816 THEN 'CO' WHEN z BETWEEN 820 AND 831 THEN 'WY' WHEN z BETWEEN 832 AND 838 THEN 'ID' WHEN z BETWEEN 840 AND 847 THEN 'UT' WHEN z BETWEEN 850 AND 865 THEN 'AZ' WHEN z BETWEEN 870 AND 884 THEN 'NM' WHEN z BETWEEN 885 AND 885 THEN 'TX' WHEN z BETWEEN 889 AND 898 THEN 'NV' WHEN z BETWEEN 900 AND 961 THEN 'CA' WHEN z BETWEEN 962 AND 966 THEN 'AP' WHEN z BETWEEN 967 AND 968 THEN 'HI' WHEN z BETWEEN 969 AND 969 THEN 'GU' WHEN z BETWEEN 970 AND 979 THEN 'OR' WHEN z BETWEEN 980 AND 994 THEN 'WA' WHEN z BETWEEN 995 AND 999 THEN 'AK' END AS state
                    FROM (SELECT petition_id, CASE WHEN substr(postal_code, 1, 3) GLOB '[0-9][0-9][0-9]' THEN CAST(substr(postal_code, 1, 3) AS INTEGER) END AS z FROM signatures
                          WHERE status = 'Counted' AND country = 'US' AND postal_code IS NOT NULL) AS zips) AS states
                WHERE state IS NOT NULL GROUP BY petition_id, state
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signature_counters");
        }
    }
}

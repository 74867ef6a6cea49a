using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Undersigned.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Coalitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sponsorships_organizations_organization_id",
                table: "sponsorships");

            migrationBuilder.AddColumn<bool>(
                name: "may_download_signers",
                table: "sponsorships",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "signatures",
                type: "TEXT",
                maxLength: 105,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "source_organization_id",
                table: "signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "partner_opt_ins",
                table: "petitions",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "logo_updated_at",
                table: "organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    signature_id = table.Column<long>(type: "INTEGER", nullable: false),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    wording = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    wording_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    page = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    locale = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_records_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_signatures_signature_id",
                        column: x => x.signature_id,
                        principalTable: "signatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organization_logos",
                columns: table => new
                {
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_logos", x => x.organization_id);
                    table.ForeignKey(
                        name: "fk_organization_logos_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partner_opt_ins",
                columns: table => new
                {
                    signature_id = table.Column<long>(type: "INTEGER", nullable: false),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    granted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_opt_ins", x => new { x.signature_id, x.organization_id });
                    table.ForeignKey(
                        name: "fk_partner_opt_ins_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_partner_opt_ins_signatures_signature_id",
                        column: x => x.signature_id,
                        principalTable: "signatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signer_exports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: false),
                    petition_id = table.Column<int>(type: "INTEGER", nullable: false),
                    exported_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    staff_user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    api_key_id = table.Column<int>(type: "INTEGER", nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    exported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signer_exports", x => x.id);
                    table.ForeignKey(
                        name: "fk_signer_exports_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_signer_exports_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_roles",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organization_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_users_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_role_claims_staff_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "staff_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_user_claims_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_staff_user_logins_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_roles",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_staff_user_roles_staff_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "staff_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_staff_user_roles_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_staff_user_tokens_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "staff_roles",
                columns: new[] { "id", "concurrency_stamp", "name", "normalized_name" },
                values: new object[,]
                {
                    { 1, "admin", "admin", "ADMIN" },
                    { 2, "organizer", "organizer", "ORGANIZER" },
                    { 3, "partner", "partner", "PARTNER" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_signatures_petition_id_source_organization_id",
                table: "signatures",
                columns: new[] { "petition_id", "source_organization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_signatures_source_organization_id",
                table: "signatures",
                column: "source_organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_organization_id",
                table: "api_keys",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_prefix",
                table: "api_keys",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_organization_id",
                table: "consent_records",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_signature_id",
                table: "consent_records",
                column: "signature_id");

            migrationBuilder.CreateIndex(
                name: "ix_partner_opt_ins_organization_id",
                table: "partner_opt_ins",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_partner_opt_ins_petition_id_organization_id_signature_id",
                table: "partner_opt_ins",
                columns: new[] { "petition_id", "organization_id", "signature_id" });

            migrationBuilder.CreateIndex(
                name: "ix_signer_exports_organization_id_exported_at",
                table: "signer_exports",
                columns: new[] { "organization_id", "exported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_signer_exports_petition_id",
                table: "signer_exports",
                column: "petition_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_role_claims_role_id",
                table: "staff_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "staff_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_claims_user_id",
                table: "staff_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_logins_user_id",
                table: "staff_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_roles_role_id",
                table: "staff_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "staff_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_staff_users_organization_id",
                table: "staff_users",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "staff_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_signatures_organizations_source_organization_id",
                table: "signatures",
                column: "source_organization_id",
                principalTable: "organizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_sponsorships_organizations_organization_id",
                table: "sponsorships",
                column: "organization_id",
                principalTable: "organizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_signatures_organizations_source_organization_id",
                table: "signatures");

            migrationBuilder.DropForeignKey(
                name: "fk_sponsorships_organizations_organization_id",
                table: "sponsorships");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "organization_logos");

            migrationBuilder.DropTable(
                name: "partner_opt_ins");

            migrationBuilder.DropTable(
                name: "signer_exports");

            migrationBuilder.DropTable(
                name: "staff_role_claims");

            migrationBuilder.DropTable(
                name: "staff_user_claims");

            migrationBuilder.DropTable(
                name: "staff_user_logins");

            migrationBuilder.DropTable(
                name: "staff_user_roles");

            migrationBuilder.DropTable(
                name: "staff_user_tokens");

            migrationBuilder.DropTable(
                name: "staff_roles");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropIndex(
                name: "ix_signatures_petition_id_source_organization_id",
                table: "signatures");

            migrationBuilder.DropIndex(
                name: "ix_signatures_source_organization_id",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "may_download_signers",
                table: "sponsorships");

            migrationBuilder.DropColumn(
                name: "source",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "source_organization_id",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "partner_opt_ins",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "logo_updated_at",
                table: "organizations");

            migrationBuilder.AddForeignKey(
                name: "fk_sponsorships_organizations_organization_id",
                table: "sponsorships",
                column: "organization_id",
                principalTable: "organizations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

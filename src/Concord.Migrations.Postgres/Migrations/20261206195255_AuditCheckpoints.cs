using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "AuditEntries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Done");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RootHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.TreeSize);
                });

            // Fixed once written: no entry or checkpoint is changed, none is deleted before it is a year old, no table is emptied.
            migrationBuilder.Sql("""
                CREATE FUNCTION concord_audit_kept() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION '% rows are never changed', TG_TABLE_NAME; END IF;
                    IF TG_OP = 'TRUNCATE' OR TG_TABLE_NAME = 'AuditCheckpoints' THEN
                        RAISE EXCEPTION '% rows are kept for 365 days', TG_TABLE_NAME;
                    END IF;
                    IF OLD."At" > now() - interval '365 days' THEN
                        RAISE EXCEPTION '% rows are kept for 365 days', TG_TABLE_NAME;
                    END IF;
                    RETURN OLD;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_kept" BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION concord_audit_kept();
                CREATE TRIGGER "AuditEntries_not_emptied" BEFORE TRUNCATE ON "AuditEntries" FOR EACH STATEMENT EXECUTE FUNCTION concord_audit_kept();
                CREATE TRIGGER "AuditCheckpoints_kept" BEFORE UPDATE OR DELETE ON "AuditCheckpoints" FOR EACH ROW EXECUTE FUNCTION concord_audit_kept();
                CREATE TRIGGER "AuditCheckpoints_not_emptied" BEFORE TRUNCATE ON "AuditCheckpoints" FOR EACH STATEMENT EXECUTE FUNCTION concord_audit_kept();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "AuditEntries_kept" ON "AuditEntries";
                DROP TRIGGER IF EXISTS "AuditEntries_not_emptied" ON "AuditEntries";
                DROP TRIGGER IF EXISTS "AuditCheckpoints_kept" ON "AuditCheckpoints";
                DROP TRIGGER IF EXISTS "AuditCheckpoints_not_emptied" ON "AuditCheckpoints";
                DROP FUNCTION IF EXISTS concord_audit_kept();
                """);

            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "AuditEntries");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Done");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RootHash = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.TreeSize);
                });

            // Fixed once written: no entry or checkpoint is changed, none is deleted before it is a year old.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_unchanged" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_kept" BEFORE DELETE ON "AuditEntries"
                WHEN OLD."At" > strftime('%Y-%m-%d %H:%M:%f', 'now', '-365 days')
                BEGIN SELECT RAISE(ABORT, 'audit entries are kept for 365 days'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditCheckpoints_unchanged" BEFORE UPDATE ON "AuditCheckpoints"
                BEGIN SELECT RAISE(ABORT, 'audit checkpoints are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditCheckpoints_kept" BEFORE DELETE ON "AuditCheckpoints"
                BEGIN SELECT RAISE(ABORT, 'audit checkpoints are never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "AuditEntries_unchanged", "AuditEntries_kept", "AuditCheckpoints_unchanged", "AuditCheckpoints_kept" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");

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

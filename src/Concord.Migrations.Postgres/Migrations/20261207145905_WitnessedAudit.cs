using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WitnessedAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuditKey",
                table: "Partners",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WitnessedNote",
                table: "Partners",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditCosignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Node = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    TreeSize = table.Column<long>(type: "bigint", nullable: false),
                    RootHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCosignatures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditCosignatures_Node_TreeSize",
                table: "AuditCosignatures",
                columns: new[] { "Node", "TreeSize" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditCosignatures");

            migrationBuilder.DropColumn(
                name: "AuditKey",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "WitnessedNote",
                table: "Partners");
        }
    }
}

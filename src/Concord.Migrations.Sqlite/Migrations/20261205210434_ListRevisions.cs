using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "WantedPersons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Withdrawn",
                table: "WantedPersons",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "WantedPersons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NodeCounters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeCounters", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WantedPersons_Revision",
                table: "WantedPersons",
                column: "Revision");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NodeCounters");

            migrationBuilder.DropIndex(
                name: "IX_WantedPersons_Revision",
                table: "WantedPersons");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "WantedPersons");

            migrationBuilder.DropColumn(
                name: "Withdrawn",
                table: "WantedPersons");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "WantedPersons");
        }
    }
}

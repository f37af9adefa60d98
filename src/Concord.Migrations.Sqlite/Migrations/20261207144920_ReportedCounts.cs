using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportedCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReportedCounts",
                table: "Operations",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReportedCounts",
                table: "Operations");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Postgres.Migrations
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
                type: "text",
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

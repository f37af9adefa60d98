using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_OperationId",
                table: "Persons");

            migrationBuilder.AddColumn<string>(
                name: "RosterNo",
                table: "Persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OperationId_RosterNo",
                table: "Persons",
                columns: new[] { "OperationId", "RosterNo" });

            migrationBuilder.CreateIndex(
                name: "IX_HandoverPersons_PersonId",
                table: "HandoverPersons",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PersonId",
                table: "Assignments",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_OperationId_RosterNo",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_HandoverPersons_PersonId",
                table: "HandoverPersons");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_PersonId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "RosterNo",
                table: "Persons");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Persons");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OperationId",
                table: "Persons",
                column: "OperationId");
        }
    }
}

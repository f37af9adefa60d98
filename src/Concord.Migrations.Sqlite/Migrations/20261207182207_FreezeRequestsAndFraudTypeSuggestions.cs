using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FreezeRequestsAndFraudTypeSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FraudTypeConfidence",
                table: "VictimReports",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FraudTypeSuggested",
                table: "VictimReports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FreezeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestNo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OperationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccountKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Institution = table.Column<string>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FrozenAmount = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", nullable: true),
                    Reports = table.Column<string>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FreezeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FreezeRequests_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FreezeRequests_AgencyId_Status",
                table: "FreezeRequests",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FreezeRequests_RequestNo",
                table: "FreezeRequests",
                column: "RequestNo",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FreezeRequests");

            migrationBuilder.DropColumn(
                name: "FraudTypeConfidence",
                table: "VictimReports");

            migrationBuilder.DropColumn(
                name: "FraudTypeSuggested",
                table: "VictimReports");
        }
    }
}

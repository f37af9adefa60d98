using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HandlingCodesAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Handling codes were free text: the closed set as written in any case, anything else the most restrictive.
            migrationBuilder.Sql("UPDATE \"Leads\" SET \"HandlingCode\" = upper(trim(\"HandlingCode\")) WHERE upper(trim(\"HandlingCode\")) IN ('H0', 'H1', 'H2', 'H3');");
            migrationBuilder.Sql("UPDATE \"Leads\" SET \"HandlingCode\" = 'H3' WHERE \"HandlingCode\" NOT IN ('H0', 'H1', 'H2', 'H3');");

            migrationBuilder.AddColumn<string>(
                name: "Handling",
                table: "PersonLinks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "H0");

            migrationBuilder.AddColumn<string>(
                name: "Handling",
                table: "Operations",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "H0");

            migrationBuilder.CreateTable(
                name: "TransferConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferConsents_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransferConsents_Agencies_RequestedByAgencyId",
                        column: x => x.RequestedByAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransferConsents_Agencies_ToAgencyId",
                        column: x => x.ToAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransferConsents_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TransferConsents_AgencyId",
                table: "TransferConsents",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferConsents_LeadId_ToAgencyId",
                table: "TransferConsents",
                columns: new[] { "LeadId", "ToAgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_TransferConsents_RequestedByAgencyId",
                table: "TransferConsents",
                column: "RequestedByAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferConsents_ToAgencyId",
                table: "TransferConsents",
                column: "ToAgencyId");

            // What a lead started carries its code: the operation, and the links to its targets.
            migrationBuilder.Sql("UPDATE \"Operations\" SET \"Handling\" = (SELECT l.\"HandlingCode\" FROM \"Leads\" l WHERE l.\"Id\" = \"Operations\".\"LeadId\");");
            migrationBuilder.Sql("UPDATE \"PersonLinks\" SET \"Handling\" = (SELECT o.\"Handling\" FROM \"Persons\" p JOIN \"Operations\" o ON o.\"Id\" = p.\"OperationId\" WHERE p.\"Id\" = \"PersonLinks\".\"PersonId\") "
                + "WHERE \"Kind\" = 'Target' AND EXISTS (SELECT 1 FROM \"Persons\" p JOIN \"Operations\" o ON o.\"Id\" = p.\"OperationId\" WHERE p.\"Id\" = \"PersonLinks\".\"PersonId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TransferConsents");

            migrationBuilder.DropColumn(
                name: "Handling",
                table: "PersonLinks");

            migrationBuilder.DropColumn(
                name: "Handling",
                table: "Operations");
        }
    }
}

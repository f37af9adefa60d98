using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TaskId",
                table: "ReviewItems",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "ReviewTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OperationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Settle = table.Column<string>(type: "TEXT", nullable: true),
                    Namesakes = table.Column<int>(type: "INTEGER", nullable: false),
                    NamesakeLists = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewTasks_Operations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "Operations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The proposals queued before tasks existed become tasks: one per person and kind, named after its first
            // proposal, open while any of its proposals is.
            migrationBuilder.Sql("""
                INSERT INTO "ReviewTasks" ("Id", "OperationId", "PersonId", "Kind", "Status", "Priority", "Namesakes", "AgencyId", "CreatedAt", "Outcome", "DecidedBy", "DecidedAt")
                SELECT MIN("Id"), "OperationId", "PersonId",
                       CASE WHEN "CandidateList" = 'roster' THEN 'Duplicate' ELSE 'Identity' END,
                       CASE WHEN SUM(CASE WHEN "Status" = 'Open' THEN 1 ELSE 0 END) > 0 THEN 'Open' ELSE 'Decided' END,
                       MIN("Priority"), 0, MIN("AgencyId"), MIN("CreatedAt"),
                       CASE WHEN SUM(CASE WHEN "Status" = 'Open' THEN 1 ELSE 0 END) > 0 THEN NULL WHEN SUM(CASE WHEN "Status" = 'Confirmed' THEN 1 ELSE 0 END) > 0 THEN 'confirmed' ELSE 'rejected' END,
                       CASE WHEN SUM(CASE WHEN "Status" = 'Open' THEN 1 ELSE 0 END) > 0 THEN NULL ELSE MAX("DecidedBy") END,
                       CASE WHEN SUM(CASE WHEN "Status" = 'Open' THEN 1 ELSE 0 END) > 0 THEN NULL ELSE MAX("DecidedAt") END
                FROM "ReviewItems"
                GROUP BY "OperationId", "PersonId", CASE WHEN "CandidateList" = 'roster' THEN 'Duplicate' ELSE 'Identity' END;
                """);
            migrationBuilder.Sql("""
                UPDATE "ReviewItems" SET "TaskId" = (
                    SELECT t."Id" FROM "ReviewTasks" t
                    WHERE t."OperationId" = "ReviewItems"."OperationId" AND t."PersonId" = "ReviewItems"."PersonId"
                      AND t."Kind" = CASE WHEN "ReviewItems"."CandidateList" = 'roster' THEN 'Duplicate' ELSE 'Identity' END);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_TaskId",
                table: "ReviewItems",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_OperationId_Status",
                table: "ReviewTasks",
                columns: new[] { "OperationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_PersonId",
                table: "ReviewTasks",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_ReviewItems_ReviewTasks_TaskId",
                table: "ReviewItems",
                column: "TaskId",
                principalTable: "ReviewTasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReviewItems_ReviewTasks_TaskId",
                table: "ReviewItems");

            migrationBuilder.DropTable(
                name: "ReviewTasks");

            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_TaskId",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "ReviewItems");
        }
    }
}

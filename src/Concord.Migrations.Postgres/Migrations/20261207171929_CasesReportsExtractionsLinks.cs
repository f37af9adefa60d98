using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CasesReportsExtractionsLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SharedBy = table.Column<string>(type: "text", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseShares", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Extractions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SeizureId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemNo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImageSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Tool = table.Column<string>(type: "text", nullable: true),
                    Examiner = table.Column<string>(type: "text", nullable: true),
                    ExtractedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Extractions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Extractions_Seizures_SeizureId",
                        column: x => x.SeizureId,
                        principalTable: "Seizures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VictimReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Bureau = table.Column<string>(type: "text", nullable: true),
                    ProvinceCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ReportedAtWritten = table.Column<string>(type: "text", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VictimNameSealed = table.Column<string>(type: "text", nullable: true),
                    VictimIdSealed = table.Column<string>(type: "text", nullable: true),
                    VictimKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Narrative = table.Column<string>(type: "text", nullable: true),
                    FraudType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Flags = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    SourceHash = table.Column<string>(type: "text", nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VictimReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VictimReports_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExtractionRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExtractionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Table = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Written = table.Column<string>(type: "text", nullable: true),
                    Own = table.Column<bool>(type: "boolean", nullable: false),
                    Flags = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: true),
                    Currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtractionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExtractionRecords_Extractions_ExtractionId",
                        column: x => x.ExtractionId,
                        principalTable: "Extractions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExtractionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseLinks_Extractions_ExtractionId",
                        column: x => x.ExtractionId,
                        principalTable: "Extractions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseLinks_VictimReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "VictimReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportIdentifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Written = table.Column<string>(type: "text", nullable: false),
                    Flags = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportIdentifiers_VictimReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "VictimReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportLosses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    Currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportLosses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportLosses_VictimReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "VictimReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinks_ExtractionId",
                table: "CaseLinks",
                column: "ExtractionId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinks_ReportId_Subject_SubjectId",
                table: "CaseLinks",
                columns: new[] { "ReportId", "Subject", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinks_Subject_SubjectId",
                table: "CaseLinks",
                columns: new[] { "Subject", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseShares_RecordType_RecordId_ToAgencyId",
                table: "CaseShares",
                columns: new[] { "RecordType", "RecordId", "ToAgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseShares_ToAgencyId_RecordType",
                table: "CaseShares",
                columns: new[] { "ToAgencyId", "RecordType" });

            migrationBuilder.CreateIndex(
                name: "IX_ExtractionRecords_ExtractionId",
                table: "ExtractionRecords",
                column: "ExtractionId");

            migrationBuilder.CreateIndex(
                name: "IX_ExtractionRecords_Kind_Value",
                table: "ExtractionRecords",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_Extractions_SeizureId_FileSha256",
                table: "Extractions",
                columns: new[] { "SeizureId", "FileSha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportIdentifiers_Kind_Value",
                table: "ReportIdentifiers",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportIdentifiers_ReportId",
                table: "ReportIdentifiers",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportLosses_ReportId",
                table: "ReportLosses",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_VictimReports_AgencyId_CaseNo",
                table: "VictimReports",
                columns: new[] { "AgencyId", "CaseNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VictimReports_VictimKey",
                table: "VictimReports",
                column: "VictimKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseLinks");

            migrationBuilder.DropTable(
                name: "CaseShares");

            migrationBuilder.DropTable(
                name: "ExtractionRecords");

            migrationBuilder.DropTable(
                name: "ReportIdentifiers");

            migrationBuilder.DropTable(
                name: "ReportLosses");

            migrationBuilder.DropTable(
                name: "Extractions");

            migrationBuilder.DropTable(
                name: "VictimReports");
        }
    }
}

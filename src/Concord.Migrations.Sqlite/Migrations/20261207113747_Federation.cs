using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Federation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "Agencies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Packets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PacketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    Digest = table.Column<string>(type: "TEXT", nullable: false),
                    Envelope = table.Column<string>(type: "TEXT", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false),
                    InReplyTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    StateAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Packets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Packets_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    VerifierKey = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousKey = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousKeyUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Url = table.Column<string>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HeardUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkProblem = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partners", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Id",
                keyValue: new Guid("00000000-0000-7000-8000-00000000a0de"),
                column: "Node",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_Packets_AgencyId",
                table: "Packets",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Packets_Digest",
                table: "Packets",
                column: "Digest");

            migrationBuilder.CreateIndex(
                name: "IX_Packets_Direction_PacketId",
                table: "Packets",
                columns: new[] { "Direction", "PacketId" });

            migrationBuilder.CreateIndex(
                name: "IX_Packets_Node_Direction_State",
                table: "Packets",
                columns: new[] { "Node", "Direction", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Node",
                table: "Partners",
                column: "Node",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Packets");

            migrationBuilder.DropTable(
                name: "Partners");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "Agencies");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgreementAcceptance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectiveFrom",
                table: "Agreements",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptedAt",
                table: "AgreementParties",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptedBy",
                table: "AgreementParties",
                type: "TEXT",
                nullable: true);

            // An agreement entered before acceptance was recorded takes effect from the day it was entered. Its parties have
            // not accepted it on record, so it binds nobody until they do (concord agreement accept).
            migrationBuilder.Sql("UPDATE \"Agreements\" SET \"EffectiveFrom\" = substr(\"CreatedAt\", 1, 10);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffectiveFrom",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "AgreementParties");

            migrationBuilder.DropColumn(
                name: "AcceptedBy",
                table: "AgreementParties");
        }
    }
}

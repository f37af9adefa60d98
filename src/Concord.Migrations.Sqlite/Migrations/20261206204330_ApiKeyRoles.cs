using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Roles",
                table: "ApiKeys",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Keys made before roles act as they did: in every role of the flow (never user administration).
            migrationBuilder.Sql("""UPDATE "ApiKeys" SET "Roles" = 'clerk,commander,coordinator,investigator,port_officer,reviewer,auditor' WHERE "Roles" = ''""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "Roles",
                table: "ApiKeys");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NodeAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "Agencies",
                columns: new[] { "Id", "Code", "Country", "Name", "ParentId", "ProvinceCode" },
                values: new object[] { new Guid("00000000-0000-7000-8000-00000000a0de"), "NODE", null, "This node", null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "Agencies",
                keyColumn: "Id",
                keyValue: new Guid("00000000-0000-7000-8000-00000000a0de"));
        }
    }
}

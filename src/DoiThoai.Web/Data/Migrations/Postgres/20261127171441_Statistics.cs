using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "CurrentDueOn",
                table: "Items",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentLeadUnitId",
                table: "Items",
                type: "integer",
                nullable: true);

            // Items assigned before this migration take the lead unit and deadline of their latest assignment.
            migrationBuilder.Sql("""
                UPDATE "Items" SET
                    "CurrentLeadUnitId" = (SELECT a."LeadUnitId" FROM "Assignments" a WHERE a."ItemId" = "Items"."Id" ORDER BY a."AssignedAtUtc" DESC, a."Id" DESC LIMIT 1),
                    "CurrentDueOn" = (SELECT a."DueOn" FROM "Assignments" a WHERE a."ItemId" = "Items"."Id" ORDER BY a."AssignedAtUtc" DESC, a."Id" DESC LIMIT 1)
                WHERE EXISTS (SELECT 1 FROM "Assignments" a WHERE a."ItemId" = "Items"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Items_CurrentLeadUnitId",
                table: "Items",
                column: "CurrentLeadUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Statistics",
                table: "Items",
                columns: new[] { "SessionId", "RaisedAtUtc", "TopicId", "Status", "Outcome", "OnBehalfOfUnitId", "CurrentLeadUnitId", "CurrentDueOn", "AnsweredAtUtc", "ApprovedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Items_OrgUnits_CurrentLeadUnitId",
                table: "Items",
                column: "CurrentLeadUnitId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Items_OrgUnits_CurrentLeadUnitId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_CurrentLeadUnitId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_Statistics",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "CurrentDueOn",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "CurrentLeadUnitId",
                table: "Items");
        }
    }
}

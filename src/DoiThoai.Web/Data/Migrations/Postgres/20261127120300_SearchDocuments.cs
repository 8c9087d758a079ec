using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SearchChanges_Items_EntityId",
                table: "SearchChanges");

            migrationBuilder.DropIndex(
                name: "IX_SearchChanges_EntityId",
                table: "SearchChanges");

            migrationBuilder.DropColumn(
                name: "EntityId",
                table: "SearchChanges");

            migrationBuilder.DropColumn(
                name: "EntityType",
                table: "SearchChanges");

            migrationBuilder.AddColumn<int>(
                name: "ItemId",
                table: "SearchChanges",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "SearchChanges",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchChanges_ItemId",
                table: "SearchChanges",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchChanges_SessionId",
                table: "SearchChanges",
                column: "SessionId");

            migrationBuilder.AddForeignKey(
                name: "FK_SearchChanges_Items_ItemId",
                table: "SearchChanges",
                column: "ItemId",
                principalTable: "Items",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SearchChanges_Sessions_SessionId",
                table: "SearchChanges",
                column: "SessionId",
                principalTable: "Sessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SearchChanges_Items_ItemId",
                table: "SearchChanges");

            migrationBuilder.DropForeignKey(
                name: "FK_SearchChanges_Sessions_SessionId",
                table: "SearchChanges");

            migrationBuilder.DropIndex(
                name: "IX_SearchChanges_ItemId",
                table: "SearchChanges");

            migrationBuilder.DropIndex(
                name: "IX_SearchChanges_SessionId",
                table: "SearchChanges");

            migrationBuilder.DropColumn(
                name: "ItemId",
                table: "SearchChanges");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "SearchChanges");

            migrationBuilder.AddColumn<int>(
                name: "EntityId",
                table: "SearchChanges",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EntityType",
                table: "SearchChanges",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_SearchChanges_EntityId",
                table: "SearchChanges",
                column: "EntityId");

            migrationBuilder.AddForeignKey(
                name: "FK_SearchChanges_Items_EntityId",
                table: "SearchChanges",
                column: "EntityId",
                principalTable: "Items",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutingModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RoutingModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TrainedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    TopicItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicAccuracy = table.Column<double>(type: "REAL", nullable: false),
                    TopicModel = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    UnitModel = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingModels", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoutingModels");
        }
    }
}

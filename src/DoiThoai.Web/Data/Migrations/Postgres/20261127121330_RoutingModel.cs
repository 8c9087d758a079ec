using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DoiThoai.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrainedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrainedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    TopicItemCount = table.Column<int>(type: "integer", nullable: false),
                    TopicAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    TopicModel = table.Column<byte[]>(type: "bytea", nullable: false),
                    UnitItemCount = table.Column<int>(type: "integer", nullable: false),
                    UnitAccuracy = table.Column<double>(type: "double precision", nullable: true),
                    UnitModel = table.Column<byte[]>(type: "bytea", nullable: true)
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

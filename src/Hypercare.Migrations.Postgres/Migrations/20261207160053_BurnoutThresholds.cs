using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BurnoutThresholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "BurnoutAfterHoursPerWeek",
                table: "RotaSettings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BurnoutBusFactorMinIssues",
                table: "RotaSettings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BurnoutSev1MinIssues",
                table: "RotaSettings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "BurnoutSev1Share",
                table: "RotaSettings",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BurnoutAfterHoursPerWeek",
                table: "RotaSettings");

            migrationBuilder.DropColumn(
                name: "BurnoutBusFactorMinIssues",
                table: "RotaSettings");

            migrationBuilder.DropColumn(
                name: "BurnoutSev1MinIssues",
                table: "RotaSettings");

            migrationBuilder.DropColumn(
                name: "BurnoutSev1Share",
                table: "RotaSettings");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardCategoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Status_Severity",
                table: "Issues");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Status_Severity_Category",
                table: "Issues",
                columns: new[] { "ProjectId", "Status", "Severity", "Category" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Status_Severity_Category",
                table: "Issues");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Status_Severity",
                table: "Issues",
                columns: new[] { "ProjectId", "Status", "Severity" });
        }
    }
}

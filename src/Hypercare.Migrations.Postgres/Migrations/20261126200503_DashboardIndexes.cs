using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_ResolutionDueAt",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_ResponseDueAt",
                table: "Issues");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Category",
                table: "Issues",
                columns: new[] { "ProjectId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Severity_ReportedAt",
                table: "Issues",
                columns: new[] { "ProjectId", "Severity", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Status_OwningTeam_AssigneeId",
                table: "Issues",
                columns: new[] { "ProjectId", "Status", "OwningTeam", "AssigneeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_Status_ResolutionDueAt_ResponseDueAt_SlaPa~",
                table: "Issues",
                columns: new[] { "ProjectId", "Status", "ResolutionDueAt", "ResponseDueAt", "SlaPaused" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Category",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Severity_ReportedAt",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Status_OwningTeam_AssigneeId",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_Status_ResolutionDueAt_ResponseDueAt_SlaPa~",
                table: "Issues");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_ResolutionDueAt",
                table: "Issues",
                columns: new[] { "ProjectId", "ResolutionDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_ResponseDueAt",
                table: "Issues",
                columns: new[] { "ProjectId", "ResponseDueAt" });
        }
    }
}

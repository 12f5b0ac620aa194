using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IssueResolvedAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_ResolvedAt",
                table: "Issues",
                columns: new[] { "ProjectId", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_ResolvedAt",
                table: "Issues");
        }
    }
}

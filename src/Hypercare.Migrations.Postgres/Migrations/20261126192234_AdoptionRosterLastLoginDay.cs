using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdoptionRosterLastLoginDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastLoginDay",
                table: "AdoptionRoster",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionRoster_ProjectId_LastLoginDay",
                table: "AdoptionRoster",
                columns: new[] { "ProjectId", "LastLoginDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AdoptionRoster_ProjectId_LastLoginDay",
                table: "AdoptionRoster");

            migrationBuilder.DropColumn(
                name: "LastLoginDay",
                table: "AdoptionRoster");
        }
    }
}

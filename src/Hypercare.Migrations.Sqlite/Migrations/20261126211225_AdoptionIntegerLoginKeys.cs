using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdoptionIntegerLoginKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_AdoptionLoginEvents",
                table: "AdoptionLoginEvents");

            migrationBuilder.DropColumn(
                name: "Day",
                table: "AdoptionLoginEvents");

            migrationBuilder.RenameColumn(
                name: "SourceKey",
                table: "AdoptionLoginEvents",
                newName: "KeyText");

            migrationBuilder.AddColumn<long>(
                name: "KeyNumber",
                table: "AdoptionLoginEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Data: rows stored before this migration keep their whole key as text (KeyNumber -1). On SQLite this SQL
            // runs before EF rebuilds the table, while the old key (ProjectId, KeyText) still applies, so splitting ids
            // into prefix and number here would make two ids of one prefix collide. AdoptionStoreUpgrade (ADR 0042) turns
            // such whole ids into packed numbers after the migrations.
            migrationBuilder.Sql(@"UPDATE ""AdoptionLoginEvents"" SET ""KeyNumber"" = -1;");

            migrationBuilder.AddPrimaryKey(
                name: "PK_AdoptionLoginEvents",
                table: "AdoptionLoginEvents",
                columns: new[] { "ProjectId", "KeyText", "KeyNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_AdoptionLoginEvents",
                table: "AdoptionLoginEvents");

            migrationBuilder.DropColumn(
                name: "KeyNumber",
                table: "AdoptionLoginEvents");

            migrationBuilder.RenameColumn(
                name: "KeyText",
                table: "AdoptionLoginEvents",
                newName: "SourceKey");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "AdoptionLoginEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddPrimaryKey(
                name: "PK_AdoptionLoginEvents",
                table: "AdoptionLoginEvents",
                columns: new[] { "ProjectId", "SourceKey" });
        }
    }
}

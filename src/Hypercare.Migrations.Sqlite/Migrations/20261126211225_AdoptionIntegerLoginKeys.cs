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

            // Data: rows stored before this migration keep their key meaning (ADR 0013). A canonical 18-character
            // Salesforce id becomes its 5-character prefix and the base-62 number of the next ten characters, exactly as
            // SalesforceId.TrySplit does; any other key stays whole as text with KeyNumber -1.
            migrationBuilder.Sql(@"UPDATE ""AdoptionLoginEvents"" SET ""KeyNumber"" = (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 6, 1)) - 1) * 13537086546263552 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 7, 1)) - 1) * 218340105584896 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 8, 1)) - 1) * 3521614606208 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 9, 1)) - 1) * 56800235584 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 10, 1)) - 1) * 916132832 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 11, 1)) - 1) * 14776336 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 12, 1)) - 1) * 238328 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 13, 1)) - 1) * 3844 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 14, 1)) - 1) * 62 + (instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(""KeyText"", 15, 1)) - 1) * 1, ""KeyText"" = substr(""KeyText"", 1, 5) WHERE length(""KeyText"") = 18 AND ""KeyText"" NOT GLOB '*[^0-9A-Za-z]*';");
            migrationBuilder.Sql(@"UPDATE ""AdoptionLoginEvents"" SET ""KeyNumber"" = -1 WHERE length(""KeyText"") <> 5;");

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

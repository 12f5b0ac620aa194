using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PackedLoginStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdoptionLoginDaySets",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Users = table.Column<int>(type: "INTEGER", nullable: false),
                    Successes = table.Column<int>(type: "INTEGER", nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionLoginDaySets", x => new { x.ProjectId, x.Day });
                    table.ForeignKey(
                        name: "FK_AdoptionLoginDaySets_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionLoginKeyBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    First = table.Column<long>(type: "INTEGER", nullable: false),
                    Last = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Keys = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionLoginKeyBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptionLoginKeyBlocks_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionLoginTextKeys",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionLoginTextKeys", x => new { x.ProjectId, x.Key });
                    table.ForeignKey(
                        name: "FK_AdoptionLoginTextKeys_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionLoginUsers",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    UserKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionLoginUsers", x => new { x.ProjectId, x.Number });
                    table.ForeignKey(
                        name: "FK_AdoptionLoginUsers_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionLoginKeyBlocks_ProjectId_Prefix_Last_First",
                table: "AdoptionLoginKeyBlocks",
                columns: new[] { "ProjectId", "Prefix", "Last", "First" });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionLoginUsers_ProjectId_UserKey",
                table: "AdoptionLoginUsers",
                columns: new[] { "ProjectId", "UserKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdoptionLoginDaySets");

            migrationBuilder.DropTable(
                name: "AdoptionLoginKeyBlocks");

            migrationBuilder.DropTable(
                name: "AdoptionLoginTextKeys");

            migrationBuilder.DropTable(
                name: "AdoptionLoginUsers");
        }
    }
}

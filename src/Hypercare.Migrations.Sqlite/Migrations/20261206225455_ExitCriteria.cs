using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExitCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "Projects",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Live");

            migrationBuilder.CreateTable(
                name: "ExitEndAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitEndAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitEndAlerts_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExitEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AllMet = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitEvaluations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExitExtensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ToEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ByUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitExtensions_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExitExtensions_Users_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExitOverrides",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UsedBySignOffId = table.Column<long>(type: "INTEGER", nullable: true),
                    ClearedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitOverrides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitOverrides_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExitOverrides_Users_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExitRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: true),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitRules_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExitSignOffs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedByUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    OnBehalfOfUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UnmetAtSignOff = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitSignOffs_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExitSignOffs_Users_OnBehalfOfUserId",
                        column: x => x.OnBehalfOfUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExitSignOffs_Users_SignedByUserId",
                        column: x => x.SignedByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProjectStageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectStageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectStageChanges_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectStageChanges_Users_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssueEvents_ProjectId_Kind_At",
                table: "IssueEvents",
                columns: new[] { "ProjectId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitEndAlerts_ProjectId_PlannedEnd",
                table: "ExitEndAlerts",
                columns: new[] { "ProjectId", "PlannedEnd" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExitEvaluations_ProjectId_Day",
                table: "ExitEvaluations",
                columns: new[] { "ProjectId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExitExtensions_ByUserId",
                table: "ExitExtensions",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitExtensions_ProjectId",
                table: "ExitExtensions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitOverrides_ByUserId",
                table: "ExitOverrides",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitOverrides_ProjectId",
                table: "ExitOverrides",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitRules_ProjectId_Kind",
                table: "ExitRules",
                columns: new[] { "ProjectId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExitSignOffs_OnBehalfOfUserId",
                table: "ExitSignOffs",
                column: "OnBehalfOfUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitSignOffs_ProjectId_At",
                table: "ExitSignOffs",
                columns: new[] { "ProjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitSignOffs_SignedByUserId",
                table: "ExitSignOffs",
                column: "SignedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectStageChanges_ByUserId",
                table: "ProjectStageChanges",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectStageChanges_ProjectId_At",
                table: "ProjectStageChanges",
                columns: new[] { "ProjectId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExitEndAlerts");

            migrationBuilder.DropTable(
                name: "ExitEvaluations");

            migrationBuilder.DropTable(
                name: "ExitExtensions");

            migrationBuilder.DropTable(
                name: "ExitOverrides");

            migrationBuilder.DropTable(
                name: "ExitRules");

            migrationBuilder.DropTable(
                name: "ExitSignOffs");

            migrationBuilder.DropTable(
                name: "ProjectStageChanges");

            migrationBuilder.DropIndex(
                name: "IX_IssueEvents_ProjectId_Kind_At",
                table: "IssueEvents");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "Projects");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hypercare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Rota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RotaAvailability",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaAvailability", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotaAvailability_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RotaAvailability_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RotaSettings",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxConsecutiveDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxHoursPerWeek = table.Column<double>(type: "REAL", nullable: false),
                    MinRestHours = table.Column<double>(type: "REAL", nullable: false),
                    MaxAfterHoursShiftsPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficeHoursStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    OfficeHoursEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    NightStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    NightEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    TimeOffInLieuDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ShiftLengthHours = table.Column<double>(type: "REAL", nullable: false),
                    StaffHypercareLead = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffTriage = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffSteadyStateSupport = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaSettings", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_RotaSettings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RotaTimeOff",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotaTimeOff", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotaTimeOff_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RotaTimeOff_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamShifts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    GapReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsAfterHours = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsWeekend = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsNight = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamShifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamShifts_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamShifts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShiftSwaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShiftId = table.Column<int>(type: "INTEGER", nullable: false),
                    OfferedByUserId = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RuleBreak = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShiftSwaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShiftSwaps_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShiftSwaps_TeamShifts_ShiftId",
                        column: x => x.ShiftId,
                        principalTable: "TeamShifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShiftSwaps_Users_DecidedByUserId",
                        column: x => x.DecidedByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShiftSwaps_Users_OfferedByUserId",
                        column: x => x.OfferedByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShiftSwaps_Users_TakenByUserId",
                        column: x => x.TakenByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RotaAvailability_ProjectId_UserId",
                table: "RotaAvailability",
                columns: new[] { "ProjectId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_RotaAvailability_UserId",
                table: "RotaAvailability",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RotaTimeOff_ProjectId_UserId_From",
                table: "RotaTimeOff",
                columns: new[] { "ProjectId", "UserId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_RotaTimeOff_UserId",
                table: "RotaTimeOff",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_DecidedByUserId",
                table: "ShiftSwaps",
                column: "DecidedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_OfferedByUserId",
                table: "ShiftSwaps",
                column: "OfferedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_ProjectId_Status",
                table: "ShiftSwaps",
                columns: new[] { "ProjectId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_ShiftId",
                table: "ShiftSwaps",
                column: "ShiftId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_TakenByUserId",
                table: "ShiftSwaps",
                column: "TakenByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamShifts_ProjectId_Start",
                table: "TeamShifts",
                columns: new[] { "ProjectId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamShifts_ProjectId_UserId_Start",
                table: "TeamShifts",
                columns: new[] { "ProjectId", "UserId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamShifts_UserId",
                table: "TeamShifts",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RotaAvailability");

            migrationBuilder.DropTable(
                name: "RotaSettings");

            migrationBuilder.DropTable(
                name: "RotaTimeOff");

            migrationBuilder.DropTable(
                name: "ShiftSwaps");

            migrationBuilder.DropTable(
                name: "TeamShifts");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
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
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    MaxConsecutiveDays = table.Column<int>(type: "integer", nullable: false),
                    MaxHoursPerWeek = table.Column<double>(type: "double precision", nullable: false),
                    MinRestHours = table.Column<double>(type: "double precision", nullable: false),
                    MaxAfterHoursShiftsPerWeek = table.Column<int>(type: "integer", nullable: false),
                    OfficeHoursStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    OfficeHoursEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    NightStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    NightEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    TimeOffInLieuDays = table.Column<int>(type: "integer", nullable: false),
                    ShiftLengthHours = table.Column<double>(type: "double precision", nullable: false),
                    StaffHypercareLead = table.Column<int>(type: "integer", nullable: false),
                    StaffTriage = table.Column<int>(type: "integer", nullable: false),
                    StaffSteadyStateSupport = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: true),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Phase = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    GapReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsAfterHours = table.Column<bool>(type: "boolean", nullable: false),
                    IsWeekend = table.Column<bool>(type: "boolean", nullable: false),
                    IsNight = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    ShiftId = table.Column<int>(type: "integer", nullable: false),
                    OfferedByUserId = table.Column<int>(type: "integer", nullable: false),
                    TakenByUserId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RuleBreak = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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

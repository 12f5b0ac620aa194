using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hypercare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Handover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HandoverAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactUserId = table.Column<int>(type: "integer", nullable: true),
                    ShadowFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ReverseShadowFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    OwnsFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoverAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandoverAreas_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HandoverAreas_Users_ContactUserId",
                        column: x => x.ContactUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HandoverItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    DefaultKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AreaId = table.Column<int>(type: "integer", nullable: true),
                    OwnerUserId = table.Column<int>(type: "integer", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneByUserId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoverItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandoverItems_HandoverAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "HandoverAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HandoverItems_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HandoverItems_Users_DoneByUserId",
                        column: x => x.DoneByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HandoverItems_Users_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HandoverAreas_ContactUserId",
                table: "HandoverAreas",
                column: "ContactUserId");

            migrationBuilder.CreateIndex(
                name: "IX_HandoverAreas_ProjectId_NameKey",
                table: "HandoverAreas",
                columns: new[] { "ProjectId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandoverItems_AreaId",
                table: "HandoverItems",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_HandoverItems_DoneByUserId",
                table: "HandoverItems",
                column: "DoneByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_HandoverItems_OwnerUserId",
                table: "HandoverItems",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_HandoverItems_ProjectId_DefaultKey",
                table: "HandoverItems",
                columns: new[] { "ProjectId", "DefaultKey" },
                unique: true);

            // Projects that exist already get the default checklist a new project is created with (HandoverChecklist.Defaults).
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'runbooks', 'Runbooks written', 1, 0 FROM \"Projects\";");
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'knownIssues', 'Known issues reviewed with the steady-state team', 2, 0 FROM \"Projects\";");
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'access', 'Access granted to the steady-state team', 3, 0 FROM \"Projects\";");
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'openIssues', 'Open issues reassigned to the steady-state team', 4, 0 FROM \"Projects\";");
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'monitoring', 'Monitoring handed over', 5, 0 FROM \"Projects\";");
            migrationBuilder.Sql("INSERT INTO \"HandoverItems\" (\"ProjectId\", \"DefaultKey\", \"Title\", \"Position\", \"Version\") SELECT \"Id\", 'contacts', 'Contacts handed over', 6, 0 FROM \"Projects\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HandoverItems");

            migrationBuilder.DropTable(
                name: "HandoverAreas");
        }
    }
}

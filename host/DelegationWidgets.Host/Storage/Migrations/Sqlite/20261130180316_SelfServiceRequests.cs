using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Host.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelfServiceRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ProductId = table.Column<string>(type: "TEXT", nullable: false),
                    ProductVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductTitle = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterIssuer = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterSubject = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterRoles = table.Column<string>(type: "TEXT", nullable: false),
                    BeneficiaryId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Extends = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PendingApprovers = table.Column<string>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FulfilledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ChangesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ErrorJson = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_requests_BeneficiaryId_ProductId",
                table: "requests",
                columns: new[] { "BeneficiaryId", "ProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_RequesterSubject_CreatedAt",
                table: "requests",
                columns: new[] { "RequesterSubject", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_Status_DueAt",
                table: "requests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_Status_ExpiresAt",
                table: "requests",
                columns: new[] { "Status", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "requests");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Host.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketsIdentitiesAndSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorGroups",
                table: "changes",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TicketId",
                table: "changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TicketSystem",
                table: "changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TicketTable",
                table: "changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TicketVerified",
                table: "changes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "catalog_versions",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_versions", x => new { x.Kind, x.Id, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "deputies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", nullable: false),
                    DeputyId = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deputies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ProductId = table.Column<string>(type: "TEXT", nullable: false),
                    ProductVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkflowVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductTitle = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterIssuer = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterSubject = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", nullable: false),
                    RequesterRoles = table.Column<string>(type: "TEXT", nullable: false),
                    BeneficiaryId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    Extends = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    StepsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PendingApprovers = table.Column<string>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "ticket_writebacks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ChangeId = table.Column<string>(type: "TEXT", nullable: false),
                    System = table.Column<string>(type: "TEXT", nullable: false),
                    TicketNumber = table.Column<string>(type: "TEXT", nullable: false),
                    TicketTable = table.Column<string>(type: "TEXT", nullable: true),
                    TicketId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_writebacks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "token_uses",
                columns: table => new
                {
                    Issuer = table.Column<string>(type: "TEXT", nullable: false),
                    Jti = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_uses", x => new { x.Issuer, x.Jti });
                });

            migrationBuilder.CreateIndex(
                name: "IX_deputies_ApproverId_Until",
                table: "deputies",
                columns: new[] { "ApproverId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_BeneficiaryId_ProductId",
                table: "requests",
                columns: new[] { "BeneficiaryId", "ProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_RequesterIssuer_RequesterSubject_IdempotencyKey",
                table: "requests",
                columns: new[] { "RequesterIssuer", "RequesterSubject", "IdempotencyKey" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_requests_Status_RemindAt",
                table: "requests",
                columns: new[] { "Status", "RemindAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_writebacks_ChangeId",
                table: "ticket_writebacks",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_writebacks_Status_NextAttemptAt",
                table: "ticket_writebacks",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_token_uses_ExpiresAt",
                table: "token_uses",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_versions");

            migrationBuilder.DropTable(
                name: "deputies");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropTable(
                name: "ticket_writebacks");

            migrationBuilder.DropTable(
                name: "token_uses");

            migrationBuilder.DropColumn(
                name: "ActorGroups",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "TicketId",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "TicketSystem",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "TicketTable",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "TicketVerified",
                table: "changes");
        }
    }
}

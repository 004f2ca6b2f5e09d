using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Host.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialDelegation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "text", nullable: false),
                    ActorIssuer = table.Column<string>(type: "text", nullable: false),
                    ActorSubject = table.Column<string>(type: "text", nullable: false),
                    ActorName = table.Column<string>(type: "text", nullable: false),
                    ActorRoles = table.Column<string>(type: "text", nullable: false),
                    Via = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "text", nullable: true),
                    FormId = table.Column<string>(type: "text", nullable: true),
                    FormVersion = table.Column<int>(type: "integer", nullable: true),
                    TargetId = table.Column<string>(type: "text", nullable: true),
                    ChangeId = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    Ticket = table.Column<string>(type: "text", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    ChangesJson = table.Column<string>(type: "text", nullable: false),
                    CorrelationId = table.Column<string>(type: "text", nullable: true),
                    PreviousHash = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_versions",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Id = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_versions", x => new { x.Kind, x.Id, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    FormId = table.Column<string>(type: "text", nullable: false),
                    FormVersion = table.Column<int>(type: "integer", nullable: false),
                    ActorIssuer = table.Column<string>(type: "text", nullable: false),
                    ActorSubject = table.Column<string>(type: "text", nullable: false),
                    ActorName = table.Column<string>(type: "text", nullable: false),
                    ActorRoles = table.Column<string>(type: "text", nullable: false),
                    ActorGroups = table.Column<string>(type: "text", nullable: false),
                    Client = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "text", nullable: true),
                    TargetId = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    Ticket = table.Column<string>(type: "text", nullable: true),
                    TicketVerified = table.Column<bool>(type: "boolean", nullable: false),
                    TicketSystem = table.Column<string>(type: "text", nullable: true),
                    TicketTable = table.Column<string>(type: "text", nullable: true),
                    TicketId = table.Column<string>(type: "text", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "text", nullable: false),
                    RequestHash = table.Column<string>(type: "text", nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: false),
                    HadSecrets = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    ChangesJson = table.Column<string>(type: "text", nullable: false),
                    ErrorJson = table.Column<string>(type: "text", nullable: true),
                    CorrelationId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "text", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deputies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ApproverId = table.Column<string>(type: "text", nullable: false),
                    DeputyId = table.Column<string>(type: "text", nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deputies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "form_versions",
                columns: table => new
                {
                    FormId = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_versions", x => new { x.FormId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    ProductVersion = table.Column<int>(type: "integer", nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    ProductTitle = table.Column<string>(type: "text", nullable: false),
                    RequesterIssuer = table.Column<string>(type: "text", nullable: false),
                    RequesterSubject = table.Column<string>(type: "text", nullable: false),
                    RequesterName = table.Column<string>(type: "text", nullable: false),
                    RequesterRoles = table.Column<string>(type: "text", nullable: false),
                    BeneficiaryId = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    DurationDays = table.Column<int>(type: "integer", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "text", nullable: false),
                    RequestHash = table.Column<string>(type: "text", nullable: false),
                    Extends = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    StepIndex = table.Column<int>(type: "integer", nullable: false),
                    StepsJson = table.Column<string>(type: "text", nullable: false),
                    PendingApprovers = table.Column<string>(type: "text", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FulfilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangesJson = table.Column<string>(type: "text", nullable: false),
                    ErrorJson = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ticket_writebacks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ChangeId = table.Column<string>(type: "text", nullable: false),
                    System = table.Column<string>(type: "text", nullable: false),
                    TicketNumber = table.Column<string>(type: "text", nullable: false),
                    TicketTable = table.Column<string>(type: "text", nullable: true),
                    TicketId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    LeaseOwner = table.Column<string>(type: "text", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_writebacks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "token_uses",
                columns: table => new
                {
                    Issuer = table.Column<string>(type: "text", nullable: false),
                    Jti = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_uses", x => new { x.Issuer, x.Jti });
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ActorSubject_Sequence",
                table: "audit_events",
                columns: new[] { "ActorSubject", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_FormId_Sequence",
                table: "audit_events",
                columns: new[] { "FormId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_OccurredAt",
                table: "audit_events",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_TargetId_Sequence",
                table: "audit_events",
                columns: new[] { "TargetId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Ticket_Sequence",
                table: "audit_events",
                columns: new[] { "Ticket", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_changes_ActorIssuer_ActorSubject_IdempotencyKey",
                table: "changes",
                columns: new[] { "ActorIssuer", "ActorSubject", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_changes_Status_LeaseExpiresAt",
                table: "changes",
                columns: new[] { "Status", "LeaseExpiresAt" });

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
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropTable(
                name: "catalog_versions");

            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "deputies");

            migrationBuilder.DropTable(
                name: "form_versions");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropTable(
                name: "ticket_writebacks");

            migrationBuilder.DropTable(
                name: "token_uses");
        }
    }
}

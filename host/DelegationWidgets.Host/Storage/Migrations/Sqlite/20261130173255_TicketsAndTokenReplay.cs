using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Host.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketsAndTokenReplay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ticket_writebacks");

            migrationBuilder.DropTable(
                name: "token_uses");

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

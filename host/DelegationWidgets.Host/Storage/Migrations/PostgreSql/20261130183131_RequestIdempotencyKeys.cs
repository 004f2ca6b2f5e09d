using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Host.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RequestIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "requests",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RequestHash",
                table: "requests",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_requests_RequesterIssuer_RequesterSubject_IdempotencyKey",
                table: "requests",
                columns: new[] { "RequesterIssuer", "RequesterSubject", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_RequesterIssuer_RequesterSubject_IdempotencyKey",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "RequestHash",
                table: "requests");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelegationWidgets.Connectors.BuiltIn.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directory_deleted_objects",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_deleted_objects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "directory_group_members",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_group_members", x => new { x.GroupId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "directory_mailbox_permissions",
                columns: table => new
                {
                    MailboxId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Right = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_mailbox_permissions", x => new { x.MailboxId, x.UserId, x.Right });
                });

            migrationBuilder.CreateTable(
                name: "directory_objects",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    IdNorm = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayNameNorm = table.Column<string>(type: "TEXT", nullable: false),
                    OrganizationalUnit = table.Column<string>(type: "TEXT", nullable: false),
                    OrganizationalUnitNorm = table.Column<string>(type: "TEXT", nullable: false),
                    Department = table.Column<string>(type: "TEXT", nullable: true),
                    DepartmentNorm = table.Column<string>(type: "TEXT", nullable: true),
                    ManagerId = table.Column<string>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", nullable: true),
                    GivenNameNorm = table.Column<string>(type: "TEXT", nullable: true),
                    Surname = table.Column<string>(type: "TEXT", nullable: true),
                    SurnameNorm = table.Column<string>(type: "TEXT", nullable: true),
                    Mail = table.Column<string>(type: "TEXT", nullable: true),
                    MailNorm = table.Column<string>(type: "TEXT", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccountExpires = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdShared = table.Column<int>(type: "INTEGER", nullable: false),
                    GivenNameShared = table.Column<int>(type: "INTEGER", nullable: false),
                    MailShared = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_objects", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_directory_group_members_UserId_GroupId",
                table: "directory_group_members",
                columns: new[] { "UserId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_mailbox_permissions_UserId",
                table: "directory_mailbox_permissions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_DepartmentNorm",
                table: "directory_objects",
                column: "DepartmentNorm");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_DisplayNameNorm",
                table: "directory_objects",
                column: "DisplayNameNorm");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_GivenNameNorm",
                table: "directory_objects",
                column: "GivenNameNorm");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_IdNorm",
                table: "directory_objects",
                column: "IdNorm",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_lookup_order",
                table: "directory_objects",
                columns: new[] { "Kind", "DisplayNameNorm", "Id", "IdNorm", "GivenNameNorm", "SurnameNorm", "MailNorm", "OrganizationalUnitNorm", "DepartmentNorm", "ManagerId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_MailNorm",
                table: "directory_objects",
                column: "MailNorm");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_ManagerId",
                table: "directory_objects",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_OrganizationalUnitNorm",
                table: "directory_objects",
                column: "OrganizationalUnitNorm");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_OwnerId",
                table: "directory_objects",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_search_GivenNameNorm",
                table: "directory_objects",
                columns: new[] { "Kind", "GivenNameShared", "GivenNameNorm", "DisplayNameNorm", "Id", "OrganizationalUnitNorm", "DepartmentNorm", "ManagerId", "OwnerId", "IdNorm" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_search_IdNorm",
                table: "directory_objects",
                columns: new[] { "Kind", "IdShared", "IdNorm", "DisplayNameNorm", "Id", "OrganizationalUnitNorm", "DepartmentNorm", "ManagerId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_search_MailNorm",
                table: "directory_objects",
                columns: new[] { "Kind", "MailShared", "MailNorm", "DisplayNameNorm", "Id", "OrganizationalUnitNorm", "DepartmentNorm", "ManagerId", "OwnerId", "IdNorm" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_search_SurnameNorm",
                table: "directory_objects",
                columns: new[] { "Kind", "SurnameNorm", "DisplayNameNorm", "Id", "OrganizationalUnitNorm", "DepartmentNorm", "ManagerId", "OwnerId", "IdNorm" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_objects_SurnameNorm",
                table: "directory_objects",
                column: "SurnameNorm");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directory_deleted_objects");

            migrationBuilder.DropTable(
                name: "directory_group_members");

            migrationBuilder.DropTable(
                name: "directory_mailbox_permissions");

            migrationBuilder.DropTable(
                name: "directory_objects");
        }
    }
}

namespace DelegationWidgets.FormProfile.Tests;

/// <summary>Realistic form schemas shared by the tests.</summary>
internal static class Forms
{
    public const string MailboxPermission = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://dw.example/forms/grant-mailbox",
          "title": "Grant mailbox permission",
          "type": "object",
          "required": ["mailbox", "user", "permission"],
          "additionalProperties": false,
          "properties": {
            "mailbox": { "type": "string", "format": "email", "title": "Mailbox" },
            "user": { "type": "string", "minLength": 1, "maxLength": 64, "title": "User" },
            "permission": {
              "title": "Permission",
              "oneOf": [
                { "const": "FullAccess", "title": "Full access" },
                { "const": "SendAs", "title": "Send as" }
              ]
            },
            "until": { "type": "string", "format": "date", "$comment": "optional expiry" },
            "automap": { "type": "boolean", "default": true }
          }
        }
        """;

    public const string TenFields = """
        {
          "type": "object",
          "$defs": { "upn": { "type": "string", "format": "email", "maxLength": 256 } },
          "required": ["firstName", "lastName", "upn", "department", "startDate"],
          "properties": {
            "firstName": { "type": "string", "minLength": 1, "maxLength": 64 },
            "lastName": { "type": "string", "minLength": 1, "maxLength": 64 },
            "upn": { "$ref": "#/$defs/upn" },
            "department": { "enum": ["IT", "HR", "Finance", "Sales"] },
            "startDate": { "type": "string", "format": "date" },
            "employeeNumber": { "type": "string", "pattern": "^[0-9]{6}$" },
            "licences": { "type": "array", "items": { "enum": ["E3", "E5", "Visio"] }, "uniqueItems": true, "maxItems": 3 },
            "hoursPerWeek": { "type": "integer", "minimum": 1, "maximum": 40 },
            "contractor": { "type": "boolean" },
            "agency": { "type": "string", "maxLength": 100 },
            "initialPassword": { "type": "string", "writeOnly": true, "minLength": 12 }
          },
          "if": { "properties": { "contractor": { "const": true } }, "required": ["contractor"] },
          "then": { "required": ["agency"] },
          "dependentRequired": { "agency": ["contractor"] }
        }
        """;

    public const string TenFieldsValidData = """
        {
          "firstName": "Ada", "lastName": "Lovelace", "upn": "ada@example.com", "department": "IT",
          "startDate": "2026-12-01", "employeeNumber": "123456", "licences": ["E3", "Visio"],
          "hoursPerWeek": 40.0, "contractor": true, "agency": "Analytical Engines Ltd", "initialPassword": "correct horse battery"
        }
        """;
}

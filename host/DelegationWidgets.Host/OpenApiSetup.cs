using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DelegationWidgets.Host;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>, Swagger UI at <c>/swagger</c>): every endpoint, its models and problem responses, and bearer authentication.</summary>
internal static class OpenApiSetup
{
    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "DelegationWidgets API",
            Version = "v1",
            Description = "Delegated helpdesk changes and self-service: forms (JSON Schema), scoped lookups, submissions, changes and the audit trail. " +
                "Errors are RFC 9457 problem responses with a stable errorId and, for fields, an errors object keyed by JSON pointer.",
        });
        options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from a trusted issuer (in development: POST /dev/token).",
        });
        options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("bearer", document)] = [],
        });
        options.CustomSchemaIds(type => type.FullName?.Replace("DelegationWidgets.Sdk.Models.", "", StringComparison.Ordinal).Replace('+', '.'));
    }
}

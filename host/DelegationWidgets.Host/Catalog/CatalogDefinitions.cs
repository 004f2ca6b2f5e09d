using System.Text.Json;
using System.Text.Json.Serialization;
using DelegationWidgets.FormProfile;

namespace DelegationWidgets.Host.Catalog;

/// <summary>Who may see and request a product: everyone, or callers with one of the roles, or users of one of the departments.</summary>
internal sealed record ProductVisibility(bool Everyone = false, IReadOnlyList<string>? Roles = null, IReadOnlyList<string>? Departments = null);

/// <summary>For whom a product may be requested besides oneself.</summary>
internal sealed record OnBehalfOf(bool DirectReports = false);

/// <summary>
/// A connector action with its parameters: each value is <c>$beneficiary</c> (the user the request is for), a field of the
/// product's form (<c>/permission</c>) or a literal (e.g. the group the product grants). See <see cref="ProductForms"/>.
/// </summary>
internal sealed record ProductTask(string Connector, string Action, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A product's own request fields: a JSON Schema under the Form Profile, and a UI schema as for forms.</summary>
internal sealed record ProductFormDefinition(JsonElement Schema, JsonElement? UiSchema = null);

/// <summary>A product of the self-service catalog, as a file of <c>Catalog/Products</c>.</summary>
internal sealed record ProductDefinition(
    string Id,
    int Version,
    string Title,
    string? Description,
    string? Icon,
    string Category,
    ProductVisibility Visibility,
    OnBehalfOf? OnBehalfOf,
    decimal Cost,
    string Risk,
    int? MaxDurationDays,
    string Workflow,
    string? Owner,
    ProductTask Fulfilment,
    ProductTask? Revocation,
    ProductFormDefinition? Form = null,
    IReadOnlyDictionary<string, ProductTranslation>? Translations = null)
{
    public string TitleIn(ServerTexts texts) => Translation(texts)?.Title ?? Title;

    public string? DescriptionIn(ServerTexts texts) => Translation(texts)?.Description ?? Description;

    public string CategoryIn(ServerTexts texts) => Translation(texts)?.Category ?? Category;

    /// <summary>The translated titles of the form's fields (<c>name</c>) and options (<c>name/value</c>), if any.</summary>
    public IReadOnlyDictionary<string, string>? FieldsIn(ServerTexts texts) => Translation(texts)?.Fields;

    private ProductTranslation? Translation(ServerTexts texts) => Translations?.GetValueOrDefault(texts.Language);

    /// <summary>The form's schema, compiled when the product was checked (null without fields).</summary>
    [JsonIgnore]
    public FormSchema? Schema { get; init; }
}

/// <summary>Whom a step asks.</summary>
internal sealed record ApproverSpec(string Kind, string? Group = null, IReadOnlyList<string>? Users = null);

/// <summary>A condition on the request: every member that is set must hold.</summary>
internal sealed record StepCondition(decimal? CostAtMost = null, decimal? CostAbove = null, IReadOnlyList<string>? RiskIn = null, IReadOnlyList<string>? RequesterRoles = null)
{
    public bool Holds(ProductDefinition product, IReadOnlyList<string> requesterRoles) =>
        (CostAtMost is null || product.Cost <= CostAtMost)
        && (CostAbove is null || product.Cost > CostAbove)
        && (RiskIn is null || RiskIn.Contains(product.Risk, StringComparer.Ordinal))
        && (RequesterRoles is null || RequesterRoles.Any(r => requesterRoles.Contains(r, StringComparer.Ordinal)));

    /// <summary>The condition in words, as the audit shows it (the timeline shows it in the caller's language).</summary>
    public string Describe() => ServerTexts.English.Condition(this);
}

/// <summary>
/// One step of an approval workflow: who approves (<c>any</c> one of them, or <c>all</c>), when the step applies at all,
/// when it approves itself (recorded with the rule), when its approvers are reminded, and what happens when nobody decides in time.
/// </summary>
internal sealed record WorkflowStep(
    string Id,
    string Title,
    ApproverSpec? Approver,
    string Mode = "any",
    StepCondition? AppliesWhen = null,
    StepCondition? AutoApproveWhen = null,
    TimeSpan? TimeoutAfter = null,
    string OnTimeout = "deny",
    ApproverSpec? EscalateTo = null,
    TimeSpan? RemindAfter = null);

/// <summary>An approval workflow, as a file of <c>Catalog/Workflows</c>: steps in sequence.</summary>
internal sealed record WorkflowDefinition(
    string Id, int Version, string Title, IReadOnlyList<WorkflowStep> Steps, IReadOnlyDictionary<string, WorkflowTranslation>? Translations = null)
{
    public string TitleIn(ServerTexts texts) => Translations?.GetValueOrDefault(texts.Language)?.Title ?? Title;

    /// <summary>A step's title in the language (the step's own title when there is no translation).</summary>
    public string? StepTitleIn(ServerTexts texts, string stepId) => Translations?.GetValueOrDefault(texts.Language)?.Steps?.GetValueOrDefault(stepId);
}

/// <summary>A product's texts in another language (by language code, e.g. <c>nl</c>); what is left out stays as it is.</summary>
/// <param name="Fields">Titles of the form's fields by name, and of their options by <c>name/value</c>.</param>
internal sealed record ProductTranslation(string? Title = null, string? Description = null, string? Category = null, IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>A workflow's texts in another language: its title and its steps' titles by step id.</summary>
internal sealed record WorkflowTranslation(string? Title = null, IReadOnlyDictionary<string, string>? Steps = null);

using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.FormProfile;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>
/// The server's Form Profile validation (<see cref="FormSchema"/>) in the browser. Its assemblies (the Form Profile,
/// NJsonSchema, Newtonsoft.Json, Namotion.Reflection) are lazy-loaded, so they are not part of the first load: a form is
/// interactive before they arrive, and <see cref="ProfileLoader.LoadAsync"/> brings them. Nothing outside this class may name a Form
/// Profile type, or the runtime would look for those assemblies before they are loaded: use it through
/// <see cref="ProfileLoader"/>.
/// </summary>
public sealed class ProfileCheck
{
    private readonly FormSchema _schema;

    private ProfileCheck(FormSchema schema) => _schema = schema;

    /// <summary>The form's schema under the profile, or null when the profile refuses it (the server would have too).</summary>
    public static ProfileCheck? For(JsonElement schema)
    {
        try
        {
            return new ProfileCheck(FormSchema.Load(schema.GetRawText()));
        }
        catch (FormProfileException)
        {
            return null;
        }
    }

    /// <summary>The profile's messages for the data, keyed by JSON pointer into the data (<c>/devices/0/tag</c>).</summary>
    public IReadOnlyList<(string Pointer, string Message)> Validate(JsonElement data) =>
        [.. _schema.Validate(data).Select(e => (e.Pointer, e.Message))];

    /// <summary>The profile's verdicts on groups of <c>{ schema, data: [...] }</c>, as <c>[{ refused, valid: [...] }]</c>.</summary>
    internal static string Verdicts(string groupsJson)
    {
        var results = new JsonArray();
        foreach (var group in JsonDocument.Parse(groupsJson).RootElement.EnumerateArray())
        {
            FormSchema? schema = null;
            try
            {
                schema = FormSchema.Load(group.GetProperty("schema").GetRawText());
            }
            catch (FormProfileException)
            {
            }

            results.Add((JsonNode)new JsonObject
            {
                ["refused"] = schema is null,
                ["valid"] = new JsonArray([.. group.GetProperty("data").EnumerateArray().Select(d => (JsonNode?)JsonValue.Create(schema is not null && schema.Validate(d).Count == 0))]),
            });
        }

        return results.ToJsonString();
    }
}

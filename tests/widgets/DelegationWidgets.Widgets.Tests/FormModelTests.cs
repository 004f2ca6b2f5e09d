using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Testing;
using DelegationWidgets.Widgets.Forms;
using DelegationWidgets.Widgets.Texts;

namespace DelegationWidgets.Widgets.Tests;

/// <summary>The schema → field model mapping and the widget's own validation, on the standard forms as the API serves them.</summary>
public sealed class FormModelTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static FormModel Standard(string id)
    {
        var path = RepositoryPaths.StandardForm(id);
        var definition = JsonSerializer.Deserialize<FormDefinition>(File.ReadAllText(path), Web)!;
        return FormModel.From(definition);
    }

    public static TheoryData<string> StandardForms => new(Directory.GetFiles(RepositoryPaths.StandardForms, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(StandardForms))]
    public void From_EveryStandardForm_HasAFieldPerProperty(string id)
    {
        var model = Standard(id);

        var properties = model.Definition.Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(properties, model.Fields.Select(f => f.Name).Order());
        Assert.All(model.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Label)));
    }

    [Fact]
    public void From_ResetPassword_MapsLookupPasswordAndBooleanWithDefault()
    {
        var model = Standard("reset-password");

        Assert.Equal([FieldKind.Lookup, FieldKind.Password, FieldKind.Boolean], model.Fields.Select(f => f.Kind));
        Assert.True(model.Fields[0].Required);
        Assert.Equal(12, model.Fields[1].MinLength);
        Assert.Equal(true, model["mustChangeAtNextLogon"]);
    }

    [Fact]
    public void From_GrantMailboxAccess_MapsLabelledChoicesAsRadiosWithDefault()
    {
        var permission = Standard("grant-mailbox-access").Fields.Single(f => f.Name == "permission");

        Assert.Equal(FieldKind.Choice, permission.Kind);
        Assert.True(permission.Radio);
        Assert.Equal(["Full access (read and manage)", "Send as the mailbox"], permission.Options.Select(o => o.Label));
    }

    [Fact]
    public void From_RemoveGroupMember_GroupLookupDependsOnUser()
    {
        var group = Standard("remove-group-member").Fields.Single(f => f.Name == "group");

        Assert.Equal(["user"], group.DependsOn);
    }

    [Fact]
    public void Validate_EnglishAndDutch_RequiredMinLengthPatternEmailDateAndConst()
    {
        var temporary = Standard("create-temporary-account");
        var contact = Standard("update-contact-details");
        var reset = Standard("reset-password");
        var delete = Standard("delete-account");
        temporary["givenName"] = "R2D2";
        temporary["expiresOn"] = "31-12-2026";
        contact["mail"] = "not-an-address";
        reset["newPassword"] = "short";
        var en = WidgetTexts.English;

        Assert.Equal(en.Required, temporary.Validate(temporary.Fields.Single(f => f.Name == "surname"), en));
        Assert.Equal(en.WrongFormat, temporary.Validate(temporary.Fields.Single(f => f.Name == "givenName"), en));
        Assert.Equal(en.NotADate, temporary.Validate(temporary.Fields.Single(f => f.Name == "expiresOn"), en));
        Assert.Equal(en.NotAnEmail, contact.Validate(contact.Fields.Single(f => f.Name == "mail"), en));
        Assert.Equal("Use at least 12 characters.", reset.Validate(reset.Fields.Single(f => f.Name == "newPassword"), en));
        Assert.Equal("Gebruik minstens 12 tekens.", reset.Validate(reset.Fields.Single(f => f.Name == "newPassword"), WidgetTexts.Dutch));
        Assert.Equal(WidgetTexts.Dutch.MustConfirm, delete.Validate(delete.Fields.Single(f => f.Name == "confirm"), WidgetTexts.Dutch));
    }

    [Fact]
    public void ToData_LeavesOutEmptyOptionalFieldsAndKeepsTypes()
    {
        var reset = Standard("reset-password");
        reset["user"] = "emma.employee";
        reset["newPassword"] = "";
        reset["mustChangeAtNextLogon"] = false;

        var data = reset.ToData();

        Assert.Equal("""{"user":"emma.employee","mustChangeAtNextLogon":false}""", data.GetRawText());
        Assert.Empty(reset.ValidateAll(WidgetTexts.English));
    }
}

namespace DelegationWidgets.Widgets.Forms;

/// <summary>How a form field is edited.</summary>
public enum FieldKind
{
    Text,
    Multiline,
    Number,
    WholeNumber,
    Boolean,
    Date,
    Email,
    Password,
    /// <summary>One of labelled values (<c>oneOf</c> const/title or <c>enum</c>): a select, or radios with the UI hint <c>radio</c>.</summary>
    Choice,
    /// <summary>Any of labelled values: an array of a choice (checkboxes).</summary>
    MultiChoice,
    /// <summary>A value picked from a server-side lookup (typeahead combobox).</summary>
    Lookup,
    /// <summary>An array of objects: rows of the item's fields, added and removed by the user.</summary>
    Rows,
}

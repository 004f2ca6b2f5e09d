namespace DelegationWidgets.FormProfile.Validation;

/// <summary>What a rewritten schema node stands for, so errors from NJsonSchema can be explained in the form's terms.</summary>
internal enum NodeRole
{
    /// <summary>An ordinary schema node.</summary>
    Plain,

    /// <summary><c>anyOf[allOf[if, then], allOf[not if, else]]</c>, rewritten from <c>if</c>/<c>then</c>/<c>else</c>.</summary>
    Conditional,

    /// <summary><c>anyOf[not required [key], required deps]</c>, rewritten from one <c>dependentRequired</c> entry.</summary>
    Dependent,
}

/// <summary>
/// The profile's own checks and message hints for one node of the rewritten schema. The rewritten schema carries the
/// node's index under <see cref="ExtensionKey"/>; <see cref="ProfileValidator"/> looks it up while NJsonSchema walks.
/// </summary>
internal sealed class SchemaNode(IReadOnlyList<KeywordCheck> checks, NodeRole role, IReadOnlyList<string>? choiceLabels)
{
    public const string ExtensionKey = "x-dw-node";

    public IReadOnlyList<KeywordCheck> Checks { get; } = checks;

    public NodeRole Role { get; } = role;

    /// <summary>Labels of a <c>oneOf</c>/<c>anyOf</c> of <c>{const, title}</c> choices, for "Must be one of: …".</summary>
    public IReadOnlyList<string>? ChoiceLabels { get; } = choiceLabels;
}

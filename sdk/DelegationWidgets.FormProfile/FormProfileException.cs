namespace DelegationWidgets.FormProfile;

/// <summary>Thrown by <see cref="FormSchema.Load(string)"/> when a schema is not valid JSON or leaves the Form Profile.</summary>
public sealed class FormProfileException : Exception
{
    /// <summary>Creates the exception with a generic message and no violations.</summary>
    public FormProfileException()
        : this("The schema is not part of the Form Profile.")
    {
    }

    /// <summary>Creates the exception with a message and no violations.</summary>
    public FormProfileException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message, no violations and an inner exception.</summary>
    public FormProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>Creates the exception for a list of violations.</summary>
    public FormProfileException(string message, IReadOnlyList<ProfileViolation> violations)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(violations);
        Violations = violations;
    }

    /// <summary>Every place where the schema leaves the Form Profile, in schema order.</summary>
    public IReadOnlyList<ProfileViolation> Violations { get; }

    internal static FormProfileException From(IReadOnlyList<ProfileViolation> violations)
    {
        var message = violations.Count == 1
            ? violations[0].Message
            : $"{violations[0].Message} (and {violations.Count - 1} more problem(s))";
        return new FormProfileException(message, violations);
    }
}

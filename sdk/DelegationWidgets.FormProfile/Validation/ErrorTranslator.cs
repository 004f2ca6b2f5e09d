using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>Turns NJsonSchema's error tree into flat field errors with data pointers and messages a person can act on.</summary>
internal static class ErrorTranslator
{
    public static IReadOnlyList<FieldError> Translate(ICollection<ValidationError> errors, ProfileValidator validator)
    {
        var result = new List<FieldError>();
        foreach (var error in errors)
        {
            Add(error, validator, result);
        }

        return result.Distinct().ToList();
    }

    private static void Add(ValidationError error, ProfileValidator validator, List<FieldError> result)
    {
        switch (error)
        {
            case FormValidationError own:
                result.Add(own.ToFieldError());
                return;
            case ChildSchemaValidationError child when error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf:
                AddAlternatives(child, validator, result);
                return;
            case ChildSchemaValidationError child:
                // allOf, array items, additional properties: every nested error counts.
                foreach (var nested in child.Errors.Values.SelectMany(e => e))
                {
                    Add(nested, validator, result);
                }

                return;
            default:
                result.Add(Describe(error));
                return;
        }
    }

    private static void AddAlternatives(ChildSchemaValidationError error, ProfileValidator validator, List<FieldError> result)
    {
        var pointer = JsonValues.PointerOf(error.Token);
        var keyword = error.Kind == ValidationErrorKind.NotOneOf ? "oneOf" : "anyOf";
        var node = error.Schema is { } schema ? validator.NodeOf(schema) : null;
        var branches = error.Errors.Values.ToList();

        switch (node?.Role)
        {
            case NodeRole.Conditional:
                // Branches are allOf[if, then] and allOf[not if, else]: report the body of the branch whose condition held.
                foreach (var branch in branches)
                {
                    if (branch.OfType<ChildSchemaValidationError>().FirstOrDefault() is { } allOf)
                    {
                        var parts = allOf.Errors.Values.ToList();
                        if (parts.Count == 2 && parts[0].Count == 0)
                        {
                            parts[1].ToList().ForEach(e => Add(e, validator, result));
                            return;
                        }
                    }
                }

                break;
            case NodeRole.Dependent:
                // Branches are [not required key] and [required dependents]: report the missing dependents.
                foreach (var branch in branches.Where(b => b.All(e => e is FormValidationError)))
                {
                    branch.ToList().ForEach(e => Add(e, validator, result));
                    return;
                }

                break;
            default:
                break;
        }

        if (branches.Count(b => b.Count == 0) > 1)
        {
            result.Add(new FieldError(pointer, keyword, "Matches more than one of the allowed options; choose exactly one."));
        }
        else if (node?.ChoiceLabels is { } labels)
        {
            result.Add(new FieldError(pointer, keyword, "Must be one of: " + string.Join(", ", labels) + "."));
        }
        else if (branches.Count == 1)
        {
            branches[0].ToList().ForEach(e => Add(e, validator, result));
        }
        else
        {
            result.Add(new FieldError(pointer, keyword, "Does not match any of the allowed options."));
        }
    }

    private static FieldError Describe(ValidationError error)
    {
        var schema = error.Schema;
        var pointer = JsonValues.PointerOf(error.Token);
        return error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new(pointer, "additionalProperties", "This field is not allowed."),
            ValidationErrorKind.NumberTooSmall when schema?.Minimum is { } minimum && Number(error.Token) < (double)minimum
                => new(pointer, "minimum", $"Must be at least {Format(minimum)}."),
            ValidationErrorKind.NumberTooSmall => new(pointer, "exclusiveMinimum", $"Must be greater than {Format(schema?.ExclusiveMinimum)}."),
            ValidationErrorKind.NumberTooBig when schema?.Maximum is { } maximum && Number(error.Token) > (double)maximum
                => new(pointer, "maximum", $"Must be at most {Format(maximum)}."),
            ValidationErrorKind.NumberTooBig => new(pointer, "exclusiveMaximum", $"Must be less than {Format(schema?.ExclusiveMaximum)}."),
            ValidationErrorKind.NumberNotMultipleOf or ValidationErrorKind.IntegerNotMultipleOf
                => new(pointer, "multipleOf", $"Must be a multiple of {Format(schema?.MultipleOf)}."),
            ValidationErrorKind.ExcludedSchemaValidates => new(pointer, "not", "This value is not allowed."),
            _ => new(pointer, error.Kind.ToString(), "This value is not valid."),
        };
    }

    private static double Number(JToken? token) => token is null ? double.NaN : JsonValues.ToDouble(token);

    private static string Format(decimal? value) =>
        value?.ToString("G29", CultureInfo.InvariantCulture) ?? "the limit";
}

using System.Globalization;

namespace DelegationWidgets.Widgets.Texts;

/// <summary>Every text the widgets show, in English and Dutch (<c>lang="en|nl"</c>; anything else is English).</summary>
public sealed record WidgetTexts
{
    public static readonly WidgetTexts English = new();

    public static readonly WidgetTexts Dutch = new()
    {
        Lang = "nl",
        Loading = "Formulier laden…",
        Required = "Vul dit veld in.",
        MustConfirm = "Bevestig dit om door te gaan.",
        NotAnEmail = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        NotADate = "Vul een datum in als jjjj-mm-dd.",
        WrongFormat = "Deze waarde heeft niet de juiste vorm.",
        NotAWholeNumber = "Vul een geheel getal in.",
        NotANumber = "Vul een getal in.",
        Reason = "Reden",
        Ticket = "Ticketnummer",
        Preview = "Voorbeeld bekijken",
        Apply = "Wijziging uitvoeren",
        Back = "Terug naar het formulier",
        Cancel = "Annuleren",
        Busy = "Bezig…",
        PreviewTitle = "Dit wordt gewijzigd",
        NothingChanges = "Er verandert niets: de gewenste situatie is er al.",
        ObjectHeader = "Object",
        AttributeHeader = "Eigenschap",
        BeforeHeader = "Voor",
        AfterHeader = "Na",
        Done = "De wijziging is uitgevoerd.",
        DoneNoChange = "Klaar: er hoefde niets te veranderen.",
        Pending = "De wijziging is vastgelegd en wacht op uitvoering of goedkeuring.",
        Failed = "De wijziging is niet gelukt.",
        AuditReference = "Auditreferentie",
        GeneratedPassword = "Gegenereerd wachtwoord (wordt maar één keer getoond)",
        Copy = "Kopiëren",
        Copied = "Gekopieerd",
        ShowPassword = "Wachtwoord tonen",
        HidePassword = "Wachtwoord verbergen",
        NewChange = "Nieuwe wijziging",
        FixErrors = "Verbeter de gemarkeerde velden.",
        SearchHint = "Typ om te zoeken",
        NoResults = "Geen resultaten binnen uw bereik.",
        MoreResults = "Meer resultaten",
        Clear = "Wissen",
        Selected = "Geselecteerd",
        NotAllowed = "U mag dit formulier niet gebruiken.",
        SignInNeeded = "De pagina gaf geen geldige aanmelding door; meld opnieuw aan.",
        Unavailable = "De dienst is nu niet bereikbaar; probeer het zo opnieuw.",
        NoForm = "Geen formulier opgegeven (attribuut form).",
        AuditTitle = "Audittrail",
        AuditEmpty = "Nog geen gebeurtenissen.",
        AuditWhen = "Wanneer",
        AuditWho = "Wie",
        AuditWhat = "Wat",
        AuditOutcome = "Resultaat",
        AuditNeedsFilter = "Geef een doel (target) of ticket op.",
        Yes = "Ja",
        AddRow = "Rij toevoegen",
        RemoveRow = "Rij verwijderen",
        Row = "Rij",
        TryAgain = "Opnieuw proberen",
        No = "Nee",
    };

    public string Lang { get; init; } = "en";
    public string Loading { get; init; } = "Loading the form…";
    public string Required { get; init; } = "Fill in this field.";
    public string MustConfirm { get; init; } = "Confirm this to continue.";
    public string NotAnEmail { get; init; } = "Enter a valid e-mail address, for example name@example.com.";
    public string NotADate { get; init; } = "Enter a date as yyyy-mm-dd.";
    public string WrongFormat { get; init; } = "This value does not have the expected form.";
    public string NotAWholeNumber { get; init; } = "Enter a whole number.";
    public string NotANumber { get; init; } = "Enter a number.";
    public string Reason { get; init; } = "Reason";
    public string Ticket { get; init; } = "Ticket number";
    public string Preview { get; init; } = "Preview";
    public string Apply { get; init; } = "Apply change";
    public string Back { get; init; } = "Back to the form";
    public string Cancel { get; init; } = "Cancel";
    public string Busy { get; init; } = "Working…";
    public string PreviewTitle { get; init; } = "This will change";
    public string NothingChanges { get; init; } = "Nothing changes: it is already as requested.";
    public string ObjectHeader { get; init; } = "Object";
    public string AttributeHeader { get; init; } = "Attribute";
    public string BeforeHeader { get; init; } = "Before";
    public string AfterHeader { get; init; } = "After";
    public string Done { get; init; } = "The change was made.";
    public string DoneNoChange { get; init; } = "Done: nothing needed to change.";
    public string Pending { get; init; } = "The change is recorded and waits to run or to be approved.";
    public string Failed { get; init; } = "The change did not succeed.";
    public string AuditReference { get; init; } = "Audit reference";
    public string GeneratedPassword { get; init; } = "Generated password (shown only once)";
    public string Copy { get; init; } = "Copy";
    public string Copied { get; init; } = "Copied";
    public string ShowPassword { get; init; } = "Show password";
    public string HidePassword { get; init; } = "Hide password";
    public string NewChange { get; init; } = "New change";
    public string FixErrors { get; init; } = "Correct the marked fields.";
    public string SearchHint { get; init; } = "Type to search";
    public string NoResults { get; init; } = "No results within your scope.";
    public string MoreResults { get; init; } = "More results";
    public string Clear { get; init; } = "Clear";
    public string Selected { get; init; } = "Selected";
    public string NotAllowed { get; init; } = "You may not use this form.";
    public string SignInNeeded { get; init; } = "The page did not pass a valid sign-in; sign in again.";
    public string Unavailable { get; init; } = "The service cannot be reached right now; try again shortly.";
    public string NoForm { get; init; } = "No form given (attribute form).";
    public string AuditTitle { get; init; } = "Audit trail";
    public string AuditEmpty { get; init; } = "No events yet.";
    public string AuditWhen { get; init; } = "When";
    public string AuditWho { get; init; } = "Who";
    public string AuditWhat { get; init; } = "What";
    public string AuditOutcome { get; init; } = "Outcome";
    public string AuditNeedsFilter { get; init; } = "Give a target or a ticket.";
    public string Yes { get; init; } = "Yes";
    public string AddRow { get; init; } = "Add row";
    public string RemoveRow { get; init; } = "Remove row";
    public string Row { get; init; } = "Row";
    public string TryAgain { get; init; } = "Try again";
    public string No { get; init; } = "No";

    public string TooShort(int minimum) => Lang == "nl" ? $"Gebruik minstens {minimum} tekens." : $"Use at least {minimum} characters.";

    public string TooLong(int maximum) => Lang == "nl" ? $"Gebruik hoogstens {maximum} tekens." : $"Use at most {maximum} characters.";

    public string AtLeast(decimal minimum) => Lang == "nl" ? $"Vul minstens {minimum.ToString(CultureInfo.InvariantCulture)} in." : $"Enter at least {minimum.ToString(CultureInfo.InvariantCulture)}.";

    public string AtMost(decimal maximum) => Lang == "nl" ? $"Vul hoogstens {maximum.ToString(CultureInfo.InvariantCulture)} in." : $"Enter at most {maximum.ToString(CultureInfo.InvariantCulture)}.";

    public string TooFewRows(int minimum) => Lang == "nl" ? $"Voeg minstens {minimum} rij(en) toe." : $"Add at least {minimum} row(s).";

    public string TooManyRows(int maximum) => Lang == "nl" ? $"Gebruik hoogstens {maximum} rij(en)." : $"Use at most {maximum} row(s).";

    public string ErrorCount(int count) => Lang == "nl"
        ? (count == 1 ? "1 veld moet nog worden verbeterd." : $"{count} velden moeten nog worden verbeterd.")
        : (count == 1 ? "1 field needs attention." : $"{count} fields need attention.");

    /// <summary>The texts for a language tag (<c>nl</c>, <c>nl-NL</c> → Dutch; anything else English).</summary>
    public static WidgetTexts For(string? lang) =>
        lang is not null && (lang.Equals("nl", StringComparison.OrdinalIgnoreCase) || lang.StartsWith("nl-", StringComparison.OrdinalIgnoreCase)) ? Dutch : English;
}

using System.Globalization;

namespace DelegationWidgets.Widgets.Texts;

/// <summary>Every text the widgets show, in English and Dutch (<c>lang="en|nl"</c>; anything else is English).</summary>
public sealed record WidgetTexts
{
    /// <summary>Dutch amounts (1.234,50) without culture data: the bundle runs with invariant globalization.</summary>
    private static readonly NumberFormatInfo DutchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

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
        CatalogTitle = "Software en toegang aanvragen",
        LoadingList = "Laden…",
        CatalogSearch = "Zoeken in de catalogus",
        Categories = "Categorieën",
        AllCategories = "Alle",
        CatalogEmpty = "Er is hier niets dat u kunt aanvragen.",
        NoMatches = "Niets gevonden dat bij uw zoekopdracht past.",
        Category = "Categorie",
        Cost = "Kosten",
        Free = "Gratis",
        Approval = "Goedkeuring",
        RequestAction = "Aanvragen",
        ForWhom = "Voor wie",
        Myself = "Mijzelf",
        DirectReport = "Een medewerker die aan mij rapporteert",
        DirectReportId = "Gebruikers-id van de medewerker",
        DurationDays = "Duur in dagen",
        SubmitRequest = "Aanvraag indienen",
        Close = "Sluiten",
        RequestFulfilled = "Uw aanvraag is uitgevoerd: de toegang is verleend.",
        RequestWaiting = "Uw aanvraag wacht op goedkeuring.",
        RequestNotGranted = "De aanvraag is niet toegekend.",
        RequestNumber = "Aanvraagnummer",
        NotPermitted = "U hebt hiervoor geen toestemming.",
        RequestsTitle = "Mijn aanvragen",
        RequestsEmpty = "U hebt nog niets aangevraagd.",
        RequestedOn = "Aangevraagd",
        Beneficiary = "Voor",
        AccessEnds = "Toegang eindigt",
        Timeline = "Verloop",
        Rule = "Regel",
        Due = "Uiterlijk",
        CancelRequest = "Aanvraag intrekken",
        ConfirmCancel = "Deze aanvraag intrekken? Goedkeurders zien haar dan niet meer.",
        ConfirmCancelYes = "Ja, intrekken",
        KeepRequest = "Nee, behouden",
        RequestCancelled = "De aanvraag is ingetrokken.",
        ApprovalsTitle = "Wacht op uw goedkeuring",
        ApprovalsEmpty = "Er wacht niets op uw goedkeuring.",
        RequestedBy = "Aangevraagd door",
        Risk = "Risico",
        StepLabel = "Stap",
        Comment = "Opmerking",
        CommentHelp = "Verplicht als u afwijst.",
        Approve = "Goedkeuren",
        Deny = "Afwijzen",
        CommentRequiredToDeny = "Geef aan waarom u deze aanvraag afwijst.",
        ApprovalGone = "Deze goedkeuring wacht niet meer op u.",
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
    public string CatalogTitle { get; init; } = "Request software and access";
    public string LoadingList { get; init; } = "Loading…";
    public string CatalogSearch { get; init; } = "Search the catalog";
    public string Categories { get; init; } = "Categories";
    public string AllCategories { get; init; } = "All";
    public string CatalogEmpty { get; init; } = "There is nothing here you can request.";
    public string NoMatches { get; init; } = "Nothing matches your search.";
    public string Category { get; init; } = "Category";
    public string Cost { get; init; } = "Cost";
    public string Free { get; init; } = "Free";
    public string Approval { get; init; } = "Approval";
    public string RequestAction { get; init; } = "Request";
    public string ForWhom { get; init; } = "For whom";
    public string Myself { get; init; } = "Myself";
    public string DirectReport { get; init; } = "Someone who reports to me";
    public string DirectReportId { get; init; } = "Their user id";
    public string DurationDays { get; init; } = "Duration in days";
    public string SubmitRequest { get; init; } = "Submit request";
    public string Close { get; init; } = "Close";
    public string RequestFulfilled { get; init; } = "Your request is fulfilled: the access is granted.";
    public string RequestWaiting { get; init; } = "Your request is waiting for approval.";
    public string RequestNotGranted { get; init; } = "The request was not granted.";
    public string RequestNumber { get; init; } = "Request number";
    public string NotPermitted { get; init; } = "You are not allowed to do this.";
    public string RequestsTitle { get; init; } = "My requests";
    public string RequestsEmpty { get; init; } = "You have not requested anything yet.";
    public string RequestedOn { get; init; } = "Requested";
    public string Beneficiary { get; init; } = "For";
    public string AccessEnds { get; init; } = "Access ends";
    public string Timeline { get; init; } = "Timeline";
    public string Rule { get; init; } = "Rule";
    public string Due { get; init; } = "Due";
    public string CancelRequest { get; init; } = "Cancel request";
    public string ConfirmCancel { get; init; } = "Cancel this request? Approvers will no longer see it.";
    public string ConfirmCancelYes { get; init; } = "Yes, cancel it";
    public string KeepRequest { get; init; } = "No, keep it";
    public string RequestCancelled { get; init; } = "The request is cancelled.";
    public string ApprovalsTitle { get; init; } = "Waiting for your approval";
    public string ApprovalsEmpty { get; init; } = "Nothing is waiting for your approval.";
    public string RequestedBy { get; init; } = "Requested by";
    public string Risk { get; init; } = "Risk";
    public string StepLabel { get; init; } = "Step";
    public string Comment { get; init; } = "Comment";
    public string CommentHelp { get; init; } = "Required when you deny.";
    public string Approve { get; init; } = "Approve";
    public string Deny { get; init; } = "Deny";
    public string CommentRequiredToDeny { get; init; } = "Say why you deny this request.";
    public string ApprovalGone { get; init; } = "This approval is no longer waiting for you.";

    public string TooShort(int minimum) => Lang == "nl" ? $"Gebruik minstens {minimum} tekens." : $"Use at least {minimum} characters.";

    public string TooLong(int maximum) => Lang == "nl" ? $"Gebruik hoogstens {maximum} tekens." : $"Use at most {maximum} characters.";

    public string AtLeast(decimal minimum) => Lang == "nl" ? $"Vul minstens {minimum.ToString(CultureInfo.InvariantCulture)} in." : $"Enter at least {minimum.ToString(CultureInfo.InvariantCulture)}.";

    public string AtMost(decimal maximum) => Lang == "nl" ? $"Vul hoogstens {maximum.ToString(CultureInfo.InvariantCulture)} in." : $"Enter at most {maximum.ToString(CultureInfo.InvariantCulture)}.";

    public string TooFewRows(int minimum) => Lang == "nl" ? $"Voeg minstens {minimum} rij(en) toe." : $"Add at least {minimum} row(s).";

    public string TooManyRows(int maximum) => Lang == "nl" ? $"Gebruik hoogstens {maximum} rij(en)." : $"Use at most {maximum} row(s).";

    /// <summary>A product's cost: "Free", or the amount (no currency: the catalog does not name one).</summary>
    public string CostText(decimal cost) => cost == 0 ? Free
        : Lang == "nl" ? cost.ToString("#,##0.00", DutchNumbers) : cost.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public string TimeBound(int days) => Lang == "nl"
        ? (days == 1 ? "Tijdelijk: de toegang eindigt na hoogstens 1 dag." : $"Tijdelijk: de toegang eindigt na hoogstens {days} dagen.")
        : (days == 1 ? "Time-bound: access ends after at most 1 day." : $"Time-bound: access ends after at most {days} days.");

    public string DurationRange(int maximum) => Lang == "nl" ? $"Van 1 tot en met {maximum} dagen." : $"From 1 to {maximum} days.";

    public string RequestTitle(string product) => Lang == "nl" ? $"{product} aanvragen" : $"Request {product}";

    public string ItemsShown(int count) => Lang == "nl"
        ? (count == 1 ? "1 item getoond." : $"{count} items getoond.")
        : (count == 1 ? "1 item shown." : $"{count} items shown.");

    /// <summary>Who decided; a deputy's decision says for whom (<paramref name="onBehalfOf"/>).</summary>
    public string Decision(bool approve, string approver, string? onBehalfOf = null) => (Lang == "nl"
        ? (approve ? $"Goedgekeurd door {approver}" : $"Afgewezen door {approver}")
        : (approve ? $"Approved by {approver}" : $"Denied by {approver}"))
        + (onBehalfOf is null ? "" : Lang == "nl" ? $" (vervanger van {onBehalfOf})" : $" (deputy for {onBehalfOf})");

    public string Decided(bool approve, string product) => Lang == "nl"
        ? (approve ? $"Goedgekeurd: {product}." : $"Afgewezen: {product}.")
        : (approve ? $"Approved: {product}." : $"Denied: {product}.");

    /// <summary>A request's status (<c>pending-approval</c>, <c>fulfilled</c>, …) in words; an unknown one as the API spells it.</summary>
    public string RequestStatus(string status) => (Lang == "nl", status) switch
    {
        (false, "pending-approval") => "Waiting for approval",
        (false, "fulfilled") => "Fulfilled",
        (false, "denied") => "Denied",
        (false, "cancelled") => "Cancelled",
        (false, "failed") => "Failed",
        (false, "expired") => "Expired",
        (true, "pending-approval") => "Wacht op goedkeuring",
        (true, "fulfilled") => "Uitgevoerd",
        (true, "denied") => "Afgewezen",
        (true, "cancelled") => "Ingetrokken",
        (true, "failed") => "Mislukt",
        (true, "expired") => "Verlopen",
        _ => status,
    };

    /// <summary>An approval step's status (<c>pending</c>, <c>auto-approved</c>, …) in words; an unknown one as the API spells it.</summary>
    public string StepStatus(string status) => (Lang == "nl", status) switch
    {
        (false, "pending") => "Waiting",
        (false, "approved") => "Approved",
        (false, "auto-approved") => "Approved automatically",
        (false, "denied") => "Denied",
        (false, "skipped") => "Skipped",
        (false, "timed-out") => "Timed out",
        (false, "cancelled") => "Cancelled",
        (true, "pending") => "Wacht",
        (true, "approved") => "Goedgekeurd",
        (true, "auto-approved") => "Automatisch goedgekeurd",
        (true, "denied") => "Afgewezen",
        (true, "skipped") => "Overgeslagen",
        (true, "timed-out") => "Termijn verlopen",
        (true, "cancelled") => "Ingetrokken",
        _ => status,
    };

    /// <summary>A risk level (<c>low</c>, <c>medium</c>, <c>high</c>) in words.</summary>
    public string RiskLevel(string risk) => (Lang == "nl", risk) switch
    {
        (false, "low") => "Low",
        (false, "medium") => "Medium",
        (false, "high") => "High",
        (true, "low") => "Laag",
        (true, "medium") => "Gemiddeld",
        (true, "high") => "Hoog",
        _ => risk,
    };

    public string ErrorCount(int count) => Lang == "nl"
        ? (count == 1 ? "1 veld moet nog worden verbeterd." : $"{count} velden moeten nog worden verbeterd.")
        : (count == 1 ? "1 field needs attention." : $"{count} fields need attention.");

    /// <summary>The texts for a language tag (<c>nl</c>, <c>nl-NL</c> → Dutch; anything else English).</summary>
    public static WidgetTexts For(string? lang) =>
        lang is not null && (lang.Equals("nl", StringComparison.OrdinalIgnoreCase) || lang.StartsWith("nl-", StringComparison.OrdinalIgnoreCase)) ? Dutch : English;
}

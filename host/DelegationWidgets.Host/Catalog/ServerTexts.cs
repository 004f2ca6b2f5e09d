using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// The self-service texts the server writes (problem details, the rules of the timeline, status words, mails), in English
/// and Dutch. The API answers in the caller's <c>Accept-Language</c> (the widgets send their <c>lang</c>); mails are
/// written in <c>Notifications:Language</c>. The audit trail stays in English: it is one record for every reader.
/// </summary>
internal sealed class ServerTexts
{
    public static readonly ServerTexts English = new(false);
    public static readonly ServerTexts Dutch = new(true);

    private static readonly NumberFormatInfo DutchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
    private readonly bool _nl;

    private ServerTexts(bool dutch) => _nl = dutch;

    public string Language => _nl ? "nl" : "en";

    /// <summary>Dutch when <c>nl</c> is the caller's most preferred language of the two; English otherwise.</summary>
    public static ServerTexts For(HttpContext context)
    {
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("nl", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return For(preferred);
    }

    public static ServerTexts For(string? language) =>
        language is not null && language.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? Dutch : English;

    // Problem details.
    public string NotValid => _nl ? "Het verzoek is niet geldig." : "The request is not valid.";

    public string CorrectFields => _nl ? "Verbeter de velden in 'errors' en verstuur het opnieuw." : "Correct the fields listed in 'errors' and submit again.";

    public string BadIdempotencyKey => _nl ? "De header Idempotency-Key moet 1 tot 128 afdrukbare tekens zijn." : "The Idempotency-Key header must be 1 to 128 printable characters.";

    public string NoSuchProductTitle => _nl ? "Onbekend product." : "No such product.";

    public string NoSuchProduct(string? id) => _nl ? $"Er is geen product '{id}' dat u mag aanvragen." : $"There is no product '{id}' you may request.";

    public string GiveReason => _nl ? "Zeg waarom het nodig is (hoogstens 1.000 tekens)." : "Say why it is needed (at most 1,000 characters).";

    public string NotForThisPersonTitle => _nl ? "Niet voor deze persoon." : "Not for this person.";

    public string NotForThisPerson(bool directReports) => (directReports, _nl) switch
    {
        (true, true) => "U mag dit alleen voor uzelf en uw directe medewerkers aanvragen.",
        (true, false) => "You may request this for yourself and your direct reports only.",
        (false, true) => "U mag dit alleen voor uzelf aanvragen.",
        _ => "You may request this for yourself only.",
    };

    public string DaysBetween(int max) => _nl ? $"Vraag 1 tot {max} dagen." : $"Ask for 1 to {max} days.";

    public string NotTimeBound => _nl ? "Dit product is niet tijdgebonden: laat de duur weg." : "This product is not time-bound: leave out the duration.";

    public string NoFields => _nl ? "Dit product heeft geen velden om in te vullen; laat data weg." : "This product has no fields to fill in; leave out data.";

    public string FieldsAreObject => _nl ? "De waarden van de velden zijn een JSON-object." : "The fields' values are a JSON object.";

    public string ExtensionKeeps(string? value) => _nl
        ? $"Een verlenging houdt de waarde van de toegang die ze verlengt: '{value}'."
        : $"An extension keeps the value of the access it extends: '{value}'.";

    public string NothingToExtendTitle => _nl ? "Niets te verlengen." : "Nothing to extend.";

    public string NothingToExtend(string id, string product, string beneficiary) => _nl
        ? $"'{id}' is niet de huidige tijdgebonden toegang tot {product} voor {beneficiary}."
        : $"'{id}' is not the current time-bound access to {product} for {beneficiary}.";

    public string AlreadyRequestedTitle => _nl ? "Al aangevraagd." : "Already requested.";

    public string AlreadyHas(string beneficiary, string product, string id, DateTime? until) => (_nl, until) switch
    {
        (true, { } u) => $"{beneficiary} heeft {product} al (aanvraag {id}) tot {u:yyyy-MM-dd}; vraag in plaats daarvan een verlenging van die aanvraag.",
        (true, null) => $"{beneficiary} heeft {product} al (aanvraag {id}).",
        (false, { } u) => $"{beneficiary} already has {product} (request {id}) until {u:yyyy-MM-dd}; ask for an extension of that request instead.",
        _ => $"{beneficiary} already has {product} (request {id}).",
    };

    public string AlreadyWaiting(string product, string beneficiary, string id) => _nl
        ? $"{product} voor {beneficiary} wacht al op goedkeuring (aanvraag {id})."
        : $"{product} for {beneficiary} is already waiting for approval (request {id}).";

    public string KeyReusedTitle => _nl ? "De sleutel is voor een ander verzoek gebruikt." : "The key was used for another request.";

    public string KeyReused(string id) => _nl
        ? $"De Idempotency-Key is gebruikt voor aanvraag {id}, met andere gegevens. Gebruik een nieuwe sleutel voor een nieuwe aanvraag."
        : $"The Idempotency-Key was used for request {id}, with other data. Use a new key for a new request.";

    public string NoSuchApprovalTitle => _nl ? "Onbekende goedkeuring." : "No such approval.";

    public string NoSuchApproval(string id) => _nl ? $"Er is geen goedkeuring '{id}' voor u." : $"There is no approval '{id}' for you.";

    public string AlreadyDecidedTitle => _nl ? "Al besloten." : "Already decided.";

    public string AlreadyDecided(string stepStatus, IReadOnlyList<string> by, DateTime? at, string requestStatus) => _nl
        ? $"Over deze stap is al besloten: {Status(stepStatus)}{(by.Count > 0 ? " door " + string.Join(", ", by) : "")}{(at is { } a ? $" op {a:yyyy-MM-dd HH:mm} UTC" : "")}; de aanvraag is {Status(requestStatus)}."
        : $"This step was already {Status(stepStatus)}{(by.Count > 0 ? " by " + string.Join(", ", by) : "")}{(at is { } when ? $" at {when:yyyy-MM-dd HH:mm} UTC" : "")}; the request is {Status(requestStatus)}.";

    public string DecidedMeanwhile => _nl ? "Iemand besliste tegelijk over deze aanvraag; laad haar opnieuw." : "Someone decided on this request at the same moment; reload it.";

    public string NotYourDecisionTitle => _nl ? "Niet uw beslissing." : "Not your decision.";

    public string OwnRequest => _nl ? "U kunt niet over uw eigen aanvraag beslissen." : "You cannot decide on your own request.";

    public string DecidedBefore => _nl ? "U hebt al over deze stap besloten." : "You have already decided on this step.";

    public string NoLongerApprover => _nl ? "U bent niet langer een van de goedkeurders van deze stap." : "You are no longer one of the approvers of this step.";

    public string DecisionNotValid => _nl ? "De beslissing is niet geldig." : "The decision is not valid.";

    public string SayWhyDeny => _nl ? "Zeg waarom u de aanvraag afwijst." : "Say why you deny the request.";

    public string NoSuchRequestTitle => _nl ? "Onbekende aanvraag." : "No such request.";

    public string NoSuchRequestOfYours(string id) => _nl ? $"Er is geen aanvraag '{id}' van u." : $"There is no request '{id}' of yours.";

    public string NoSuchRequestToSee(string id) => _nl ? $"Er is geen aanvraag '{id}' die u mag zien." : $"There is no request '{id}' you may see.";

    public string NotPendingTitle => _nl ? "Wacht niet meer." : "Not pending.";

    public string OnlyPendingCancels(string status) => _nl
        ? $"Alleen een aanvraag die op goedkeuring wacht kan worden ingetrokken; deze is {Status(status)}."
        : $"Only a request waiting for approval can be cancelled; this one is {Status(status)}.";

    public string CancelledMeanwhile => _nl ? "Over de aanvraag werd tegelijk besloten; laad haar opnieuw." : "The request was decided at the same moment; reload it.";

    public string DeputySomeoneElse => _nl ? "Wijs iemand anders aan als uw vervanger." : "Name someone else as your deputy.";

    public string DeputyPeriod => _nl
        ? "De periode moet na het begin eindigen, in de toekomst, en binnen een jaar."
        : "The period must end after it starts, in the future, within a year.";

    public string NoSuchUser(string id) => _nl ? $"Er is geen gebruiker '{id}'." : $"There is no user '{id}'.";

    // Rules and words of the timeline.
    public string Condition(StepCondition condition)
    {
        var parts = new List<string>();
        if (condition.CostAtMost is { } atMost)
        {
            parts.Add(_nl ? $"kosten hoogstens {Amount(atMost)}" : $"cost at most {Amount(atMost)}");
        }

        if (condition.CostAbove is { } above)
        {
            parts.Add(_nl ? $"kosten boven {Amount(above)}" : $"cost above {Amount(above)}");
        }

        if (condition.RiskIn is { } risks)
        {
            parts.Add(_nl ? $"risico {string.Join(" of ", risks.Select(Risk))}" : $"risk {string.Join(" or ", risks)}");
        }

        if (condition.RequesterRoles is { } roles)
        {
            parts.Add(_nl ? $"aanvrager heeft rol {string.Join(" of ", roles)}" : $"requester has role {string.Join(" or ", roles)}");
        }

        return string.Join(_nl ? " en " : " and ", parts);
    }

    /// <summary>The rule of a step that decided itself, in words.</summary>
    public string Rule(string kind, StepCondition? condition) => (kind, _nl) switch
    {
        (StepState.RuleApplies, true) => "geldt alleen bij " + Condition(condition!),
        (StepState.RuleApplies, false) => "applies only when " + Condition(condition!),
        (StepState.RuleAutoApproved, _) => Condition(condition!),
        (StepState.RuleNotAutomatic, true) => "niet automatisch goedgekeurd: daarvoor is nodig: " + Condition(condition!),
        (StepState.RuleNotAutomatic, false) => "not approved automatically: that needs " + Condition(condition!),
        (_, true) => "niemand behalve de aanvrager kon goedkeuren",
        _ => "nobody but the requester could approve it",
    };

    /// <summary>A status of a request or step in words.</summary>
    public string Status(string status) => !_nl ? status : status switch
    {
        "pending" => "in afwachting",
        RequestStatus.PendingApproval => "wacht op goedkeuring",
        RequestStatus.Approved => "goedgekeurd",
        "auto-approved" => "automatisch goedgekeurd",
        RequestStatus.Fulfilled => "uitgevoerd",
        RequestStatus.Denied => "afgewezen",
        RequestStatus.Cancelled => "ingetrokken",
        RequestStatus.Failed => "mislukt",
        RequestStatus.Expired => "verlopen",
        RequestStatus.Extended => "verlengd",
        "skipped" => "overgeslagen",
        "timed-out" => "verlopen zonder besluit",
        _ => status,
    };

    public string Yes => _nl ? "ja" : "yes";

    public string No => _nl ? "nee" : "no";

    // Mails.
    public string MailApprovalSubject(bool reminder, string product, string beneficiary) => (_nl, reminder) switch
    {
        (true, true) => $"Herinnering: goedkeuring nodig: {product} voor {beneficiary}",
        (true, false) => $"Goedkeuring nodig: {product} voor {beneficiary}",
        (false, true) => $"Reminder: approval needed: {product} for {beneficiary}",
        _ => $"Approval needed: {product} for {beneficiary}",
    };

    public string MailAsks(string requester, string product, string beneficiary) =>
        _nl ? $"{requester} vraagt {product} aan voor {beneficiary}." : $"{requester} asks for {product} for {beneficiary}.";

    public string MailReason => _nl ? "Reden" : "Reason";

    public string MailStep => _nl ? "Stap" : "Step";

    public string MailDecideBefore(DateTime due) => _nl ? $"(beslis voor {due:yyyy-MM-dd HH:mm} UTC)" : $"(decide before {due:yyyy-MM-dd HH:mm} UTC)";

    public string MailApprove => _nl ? "Goedkeuren" : "Approve";

    public string MailDeny => _nl ? "Afwijzen" : "Deny";

    public string MailDetails => _nl ? "Details" : "Details";

    public string MailNoPage => _nl ? "(open de goedkeuringspagina van uw intranet)" : "(open the approvals page of your intranet)";

    public string MailEndedSubject(string status, string product) => _nl
        ? $"Uw aanvraag: {product} {Ended(status)}"
        : $"Your request: {product} {Ended(status)}";

    public string MailEnded(string status, string product, string beneficiary) => _nl
        ? $"Uw aanvraag van {product} voor {beneficiary} {Ended(status)}."
        : $"Your request for {product} for {beneficiary} {Ended(status)}.";

    private string Ended(string status) => (status, _nl) switch
    {
        (RequestStatus.Fulfilled, true) => "is klaar",
        (RequestStatus.Fulfilled, false) => "is ready",
        (RequestStatus.Denied, true) => "is afgewezen",
        (RequestStatus.Denied, false) => "was denied",
        (RequestStatus.Expired, true) => "is beëindigd",
        (RequestStatus.Expired, false) => "has ended",
        (_, true) => "kon niet worden uitgevoerd",
        _ => "could not be completed",
    };

    private string Risk(string risk) => risk switch
    {
        "low" => "laag",
        "medium" => "middel",
        "high" => "hoog",
        _ => risk,
    };

    private string Amount(decimal value) => value.ToString("0.##", _nl ? DutchNumbers : CultureInfo.InvariantCulture);
}

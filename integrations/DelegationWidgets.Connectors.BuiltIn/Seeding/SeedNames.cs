namespace DelegationWidgets.Connectors.BuiltIn.Seeding;

/// <summary>Dutch and English given names and surnames the demo seed draws from.</summary>
internal static class SeedNames
{
    public static readonly string[] GivenNames =
    [
        "Jan", "Pieter", "Kees", "Willem", "Henk", "Bram", "Daan", "Sem", "Lucas", "Thijs",
        "Ruben", "Jesse", "Niels", "Joost", "Bas", "Tim", "Lars", "Koen", "Maarten", "Sander",
        "Wouter", "Jeroen", "Gijs", "Stijn", "Floris", "Mark", "Rick", "Dennis", "Erik", "Hugo",
        "Oliver", "James", "George", "Harry", "Jack", "Thomas", "William", "Charlie", "Oscar", "Henry",
        "Sanne", "Lotte", "Fleur", "Anouk", "Eva", "Femke", "Lisa", "Iris", "Julia", "Sophie",
        "Noor", "Marloes", "Ingrid", "Karin", "Petra", "Mirjam", "Linda", "Esther", "Marieke", "Annemiek",
        "Emily", "Olivia", "Grace", "Charlotte", "Amelia", "Jessica", "Lucy", "Hannah", "Chloe", "Ruby",
        "Saskia", "Judith", "Wendy", "Yvonne", "Roos", "Tessa", "Nina", "Demi", "Lieke", "Merel",
    ];

    public static readonly string[] Surnames =
    [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
        "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet",
        "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "Prins", "Blom", "Huisman", "Peeters", "Kuipers",
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Postma", "Kramer", "van Wijk", "Bosman", "Timmermans", "Groen", "Gerritsen", "Veenstra", "Wolters", "Hermans",
    ];
}

/// Watched names that are also other things — a US state, a first name, a bird, a river — and the words
/// that tell a reader which one an article means. An article that has a word of the other sense and
/// none of this one does not mention the actor by that name. A watchlist can replace these cues per
/// actor (`"cues": {"for": [...], "against": [...]}`; two empty lists switch the check off).
public struct ContextCues: Codable, Sendable, Equatable {
    /// Words or phrases that show the actor is meant ("Tbilisi" for the country Georgia).
    public var `for`: [String]
    /// Words or phrases that show something else of the same name is meant ("Atlanta").
    public var against: [String]

    public init(for: [String] = [], against: [String] = []) {
        self.for = `for`
        self.against = against
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.for = try c.decodeIfPresent([String].self, forKey: .for) ?? []
        against = try c.decodeIfPresent([String].self, forKey: .against) ?? []
    }

    private enum CodingKeys: String, CodingKey { case `for`, against }
}

enum Homonyms {
    /// Built-in cues by normalised country name.
    static func cues(forCountry name: String) -> ContextCues? {
        table[Normalization.tokens(of: name).joined(separator: " ")]
    }

    /// Names of other things that hold a country's name or demonym ("Tour de France", "India Pale Ale",
    /// "British Airways"): a match inside one does not count, as with an actor's own `exclude`.
    static func exclusions(forCountry name: String) -> [String] {
        exclusionTable[Normalization.tokens(of: name).joined(separator: " ")] ?? []
    }

    private static let exclusionTable: [String: [String]] = [
        "united states": [
            "American Express", "American Airlines", "American Lager", "American Idol", "American Eagle",
            "American Pie", "American Psycho", "Captain America", "Bank of America", "American football",
            "American Registry for Internet Numbers", "Native American", "Native Americans",
            "Latin America", "Latin American", "South America", "South American", "Central America",
            "Central American", "North America", "North American", "US-Dollar", "US-Dollars", "US dollar",
            "US dollars", "U.S. dollar", "U.S. dollars", "US Open", "U.S. Open",
        ],
        "india": ["India Pale Ale", "India ink", "Air India", "West Indies"],
        "france": [
            "Tour de France", "French Open", "Air France", "France Télécom", "France Telecom", "French fries", "French toast",
            "French press", "French horn", "French kiss", "French bulldog", "Île-de-France", "Ile-de-France",
        ],
        "germany": [
            "German shepherd", "German measles", "Deutsche Telekom", "Deutschen Telekom", "Deutsche Bank",
            "Deutschen Bank",
        ],
        "united kingdom": ["British Airways", "British Columbia", "British Virgin Islands"],
        "china": ["China Airlines", "Chinese checkers", "Chinese whispers", "Indochina"],
        "turkey": [
            "Turkish Airlines", "Turkish delight", "Turkish bath", "Mechanical Turk", "cold turkey", "turkey bacon",
            "turkey burger", "turkey burgers", "turkey sandwich", "turkey breast", "turkey leg", "turkey legs",
            "turkey dinner", "roast turkey", "turkey trot", "Turkey Bowl",
        ],
        "russia": ["Russian roulette", "Russian dressing", "White Russian", "Russian doll", "Russian dolls"],
        "jordan": ["Air Jordan", "Air Jordans"],
        "japan": ["Japan Airlines"],
        "georgia": ["Georgia Tech", "Georgia State", "University of Georgia", "Georgia O'Keeffe", "South Georgia"],
    ]

    private static let table: [String: ContextCues] = [
        "georgia": ContextCues(
            for: [
                "Tbilisi", "Georgian", "Georgians", "Caucasus", "Abkhazia", "South Ossetia", "Batumi", "Kutaisi",
                "Ivanishvili", "Saakashvili", "Kobakhidze", "Zourabichvili", "Kavelashvili", "Georgian Dream",
            ],
            against: [
                "Atlanta", "Savannah", "Macon", "Augusta", "Gwinnett", "Fulton County", "DeKalb", "Cobb County",
                "Georgia Tech", "Georgia State", "University of Georgia", "Bulldogs", "Peach State", "Kemp",
                "Raffensperger", "Warnock", "Ossoff", "Ga", "Alabama", "Florida", "Tennessee", "Carolina",
            ]),
        "jordan": ContextCues(
            for: ["Amman", "Jordanian", "Jordanians", "King Abdullah", "Hashemite", "Aqaba", "Queen Rania"],
            against: ["NBA", "Bulls", "Air Jordan", "sneakers", "Nike", "basketball"]),
        "chad": ContextCues(
            for: ["N'Djamena", "Ndjamena", "Chadian", "Chadians", "Déby", "Deby", "Sahel", "Lake Chad"],
            against: []),
        "niger": ContextCues(
            for: ["Niamey", "Nigerien", "Nigeriens", "Tiani", "Bazoum", "Sahel"],
            against: ["Niger Delta", "Niger State", "Lagos", "Abuja"]),
        "turkey": ContextCues(
            for: ["Ankara", "Istanbul", "Turkish", "Turks", "Erdogan", "Erdoğan", "Türkiye", "Bosphorus"],
            against: ["Thanksgiving", "stuffing", "gravy", "recipe", "recipes", "gobble"]),
        "china": ContextCues(
            for: ["Beijing", "Chinese", "Xi Jinping", "Shanghai", "Taiwan", "Hong Kong"],
            against: ["porcelain", "tableware", "dinnerware", "teacup", "crockery"]),
        "guinea": ContextCues(
            for: ["Conakry", "Guinean", "Guineans", "Doumbouya"],
            against: ["Papua", "Equatorial", "Bissau", "guinea pig", "guinea pigs"]),
        "chile": ContextCues(
            for: ["Santiago", "Chilean", "Chileans", "Boric", "Valparaíso"],
            against: ["pepper", "peppers", "chili", "recipe", "salsa"]),
        "lebanon": ContextCues(
            for: ["Beirut", "Lebanese", "Hezbollah", "Litani"],
            against: ["Pennsylvania", "Tennessee", "Ohio", "New Hampshire", "Missouri", "Indiana"]),
    ]
}

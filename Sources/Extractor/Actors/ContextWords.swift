/// The words the mention filter reads around a mention: what may follow a country without making it
/// another name, what makes a demonym a language or an idiom, the verbs of a capital that acts.
extension MentionFilter {

    /// Capitalised words that may follow a country's name without making it part of another name.
    static let countryFollowers: Set<String> = [
        "government", "ministry", "embassy", "army", "navy", "parliament", "president", "prime", "premier",
        "foreign", "defence", "defense", "interior", "minister", "officials", "now", "but", "and", "or",
    ]
    /// "… of <country>" names a body, not the country's state: "Federation of America".
    static let bodiesOf: Set<String> = [
        "association", "federation", "society", "scouts", "council", "league", "club", "alliance", "institute",
        "foundation", "coalition", "conference", "museum", "orchestra", "church", "bank", "company", "corporation",
        "guild", "union", "fellowship", "collective", "network", "brotherhood", "sisters", "daughters", "sons",
    ]

    /// Capitalised words after a demonym that keep it the country's: its state, people and institutions.
    static let stateWords: Set<String> = [
        "embassy", "consulate", "government", "ministry", "foreign", "army", "navy", "air", "communist", "party",
        "parliament", "president", "prime", "defence", "defense", "central", "national", "federal", "state",
        "people", "supreme", "court", "military", "forces", "federation", "republic", "empire", "orthodox",
        "academy", "coast", "border", "interior", "security", "intelligence", "olympic", "team", "authorities",
        "officials", "troops", "soldiers", "citizens", "duma", "senate", "congress", "bundestag", "cabinet",
        "leader", "chancellor", "minister", "premier", "king", "queen", "emperor", "navy", "guard", "police",
        "justice", "treasury", "finance", "economy", "trade", "health", "education", "energy", "agriculture",
        "environment", "post", "railways", "constitution", "constitutional", "revolution", "civil", "war",
    ]
    static let idiomNouns: Set<String> = [
        "roulette", "accent", "accents", "dressing", "fries", "toast", "kiss", "kissing", "delight", "checkers",
        "whispers", "doll", "dolls", "bath", "baths", "shepherd", "shepherds", "horn", "press", "braid", "braids",
        "manicure", "cuisine", "restaurant", "restaurants", "food", "wine", "wines", "cheese", "knife", "oven",
        "pastry", "muffin", "muffins", "wax", "blue", "flu", "bulldog", "poodle", "mastiff", "hound", "terrier",
        "salad", "vanilla", "language", "translation", "subtitles", "speakers", "speaking", "lessons", "class",
        "classes", "teacher", "literature", "novel", "novels", "poetry", "grammar",
    ]
    static let languageMarkers: Set<String> = [
        "in", "into", "speak", "speaks", "spoke", "speaking", "fluent", "learn", "learning", "learned", "translated",
        "dubbed", "from", "taught", "teaches", "teach", "study", "studied", "studies", "write", "writes", "wrote",
    ]
    static let languageFollowers: Set<String> = ["and", "or", "with", "as", "by", "than", "but", "to", "for", "at", "on"]
    static let possessedByGovernments: Set<String> = [
        "decision", "position", "response", "policy", "government", "plan", "move", "demand", "demands", "offer",
        "stance", "support", "refusal", "envoy", "ambassador", "officials", "view", "claim", "claims", "threat",
    ]
    static let politicalVerbs: Set<String> = [
        "has", "have", "had", "is", "was", "will", "would", "wants", "wanted", "rejected", "rejects", "accused",
        "accuses", "denied", "denies", "demanded", "demands", "threatened", "threatens", "responded", "responds",
        "agreed", "agrees", "signed", "signs", "imposed", "imposes", "condemned", "condemns", "urged", "urges",
        "called", "calls", "insisted", "insists", "refused", "refuses", "vowed", "vows", "blamed", "blames",
        "warned", "warns", "announced", "announces", "approved", "approves", "blocked", "blocks", "vetoed",
        "backed", "backs", "opposed", "opposes", "expelled", "expels", "recalled", "summoned", "retaliated",
        "sanctioned", "protested", "hit", "struck", "launched", "sent", "ordered", "moved", "plans", "planned",
        "says", "said", "declined", "hopes", "fears", "argues", "argued", "claims", "claimed", "sees", "saw",
    ]
    static let notAfterSurname: Set<String> = [
        "i", "we", "you", "they", "he", "she", "it", "be", "not", "the", "a", "this", "that", "have", "also", "never",
        "well", "all", "still", "only", "just", "even", "now", "so", "there", "our", "your", "their", "his", "her",
    ]
}

extension MentionFilter {
    /// Words that qualify any office without saying whose it is: "Foreign Secretary", "Prime Minister".
    static let officeQualifiers: Set<String> = [
        "prime", "foreign", "home", "first", "lady", "state", "chief", "general", "secretary", "interior", "defence",
        "defense", "finance", "justice", "health", "trade", "economy", "economic", "affairs", "exchequer",
        "opposition", "of", "the", "for", "party", "national", "federal", "central", "supreme", "high", "grand",
        "royal", "crown", "majesty", "highness", "holiness", "minister", "commissioner", "chancellor", "premier",
        "treasury", "attorney", "labor", "labour", "education", "environment", "energy", "transport", "culture",
        "agriculture", "industry", "development", "international", "european", "public", "works", "security",
        "intelligence", "army", "navy", "staff", "joint", "house", "senate", "speaker", "majority", "minority",
        "leader", "head", "executive", "officer", "managing", "board", "chairman", "president", "vice", "deputy",
    ]

    /// Words before a title that make it another holder's: "former Foreign Secretary", "shadow
    /// chancellor", "then-first lady", "the would-be king".
    static let formerWords: Set<String> = [
        "former", "ex", "shadow", "deputy", "vice", "acting", "late", "then", "outgoing", "incoming", "interim",
        "future", "erstwhile", "onetime", "previous", "retired", "junior", "assistant", "prospective", "be",
        "designate", "elect", "caretaker", "past",
    ]
    /// "the job of Foreign Secretary", "running for President": the office, not the person holding it.
    static let officeWords: Set<String> = [
        "job", "post", "role", "office", "position", "race", "candidacy", "candidate", "candidates", "bid",
        "nomination", "seat", "title", "rank", "portfolio", "contest", "election", "running", "run", "ran", "runs",
        "duties", "powers", "appointment", "succession", "successor", "predecessor",
    ]
    /// Capitalised words after a name that make it a body's, a work's or a place's name: "Clinton
    /// Foundation", "Russia Today", "Blair Witch"-like titles aside, these say it outright.
    static let bodyWords: Set<String> = [
        "foundation", "institute", "institution", "library", "center", "centre", "school", "university", "college",
        "hospital", "prize", "award", "awards", "trust", "fund", "stadium", "arena", "airport", "street", "avenue",
        "road", "bridge", "tower", "towers", "building", "hall", "museum", "theatre", "theater", "park",
        "times", "post", "news", "today", "daily", "herald", "tribune", "journal", "gazette", "telegraph", "express",
        "weekly", "magazine", "radio", "tv", "television", "channel", "network", "airlines", "airways", "telecom",
        "mail", "inc", "corp", "company", "group", "records", "productions", "pictures", "studios", "memorial",
        "square", "boulevard", "station", "house", "county", "city", "island", "river", "lake", "mountains",
        "trophy", "cup", "medal", "lecture", "syndrome", "disease", "estate", "collection", "gallery", "orchestra",
        "band", "quartet",
    ]
    /// Capitalised words after a person's name that still speak of the person: "the Obama Administration".
    static let personKeepers: Set<String> = [
        "administration", "government", "cabinet", "campaign", "presidency", "era", "regime", "camp", "team",
        "aides", "allies", "white", "years", "plan", "budget", "speech", "visit",
    ]
    /// Capitalised words after a company's common-word name that still name the company ("Shell plc").
    static let corporateSuffixes: Set<String> = [
        "inc", "corp", "corporation", "ltd", "plc", "group", "co", "company", "holdings", "llc", "ag", "sa", "nv",
        "se", "ab", "asa", "gmbh", "spa", "limited", "incorporated",
    ]
    /// "African-American", "Latin-American": a people's compound, not the country.
    static let continentWords: Set<String> = [
        "african", "asian", "european", "latin", "native", "arab", "hispanic", "caribbean", "pacific",
    ]
    /// Party and affiliation words written before a surname without making it another person's name:
    /// "Tory Howard", "Republican Trump".
    static let affiliationWords: Set<String> = [
        "tory", "labour", "labor", "conservative", "liberal", "democrat", "democratic", "republican", "socialist",
        "communist", "nationalist", "unionist", "gop", "green", "centrist", "leftist", "rightist", "populist",
    ]
    /// Words that open a list of other people: a team sheet, credits ("Subs: …", "starring …").
    static let listOpeners: Set<String> = [
        "subs", "substitutes", "squad", "team", "teams", "lineup", "line", "starring", "stars", "cast",
        "featuring", "scorers", "scorer", "goals", "directed", "produced", "written", "sent", "booked", "replacements",
        "bench", "reserves", "players", "crew", "credits", "guests", "panel", "panelists", "winners", "nominees",
    ]
    /// Personal honorifics: a country word after one is a person's name ("Mr German").
    static let personalHonorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "herr", "frau", "monsieur", "madame", "mme",
        "senor", "senora", "signor", "signora",
    ]
}

/// What the name finder needs to know of a word — a given name of which gender, a title, a role, a
/// particle, a word that is never part of a name, an institution's word — in one look-up by the
/// word's bytes (no String hashing): the name index asks it of every word of an article.
struct WordClasses: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let notName = Flags(rawValue: 1 << 0)
        static let personTitle = Flags(rawValue: 1 << 1)
        static let role = Flags(rawValue: 1 << 2)
        static let roleMale = Flags(rawValue: 1 << 3)
        static let roleFemale = Flags(rawValue: 1 << 4)
        static let particle = Flags(rawValue: 1 << 5)
        static let givenMale = Flags(rawValue: 1 << 6)
        static let givenFemale = Flags(rawValue: 1 << 7)
        static let institution = Flags(rawValue: 1 << 8)
    }

    static let shared = WordClasses()

    private let vocabulary: ByteVocabulary
    private let flags: [Flags]

    private init() {
        var table: [String: Flags] = [:]
        func mark<S: Sequence>(_ words: S, _ flag: Flags) where S.Element == String {
            for word in words { table[word, default: []].insert(flag) }
        }
        mark(NameIndex.months, .notName)
        mark(Lexicon.functionWords, .notName)
        mark(NameIndex.notNames, .notName)
        mark(NameIndex.personTitles, [.notName, .personTitle])
        for (word, gender) in NameIndex.roleWords {
            table[word, default: []].formUnion([.notName, .role])
            if gender == .male { table[word]!.insert(.roleMale) }
            if gender == .female { table[word]!.insert(.roleFemale) }
        }
        mark(NameIndex.particles, .particle)
        mark(NameIndex.institutionWords, .institution)
        for word in GivenNames.all {
            switch GivenNames.gender(of: word) {
            case .male?: table[word, default: []].insert(.givenMale)
            case .female?: table[word, default: []].insert(.givenFemale)
            case nil: table[word, default: []].formUnion([.givenMale, .givenFemale])  // both: a given name, no gender
            }
        }
        var ids: [String: Int32] = [:]
        var flags: [Flags] = []
        for (word, flag) in table {
            ids[word] = Int32(flags.count)
            flags.append(flag)
        }
        vocabulary = ByteVocabulary(ids)
        self.flags = flags
    }

    func flags(of token: Token) -> Flags {
        var word = token.normalized
        let id = word.withUTF8 { vocabulary.id($0) }
        return id < 0 ? [] : flags[Int(id)]
    }
}

extension WordClasses.Flags {
    var isGivenName: Bool { !isDisjoint(with: [.givenMale, .givenFemale]) }
    var givenGender: GivenNames.Gender? {
        let male = contains(.givenMale), female = contains(.givenFemale)
        return male == female ? nil : (male ? .male : .female)
    }
    var roleGender: GivenNames.Gender? {
        contains(.roleMale) ? .male : (contains(.roleFemale) ? .female : nil)
    }
}

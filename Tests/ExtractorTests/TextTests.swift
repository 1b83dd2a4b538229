import Foundation
import Testing

@testable import Extractor

@Suite("Tokens, normalisation and sentences")
struct TextTests {
    func words(_ text: String) -> [String] {
        var tokenizer = Tokenizer()
        return tokenizer.tokens(text).map(\.normalized)
    }

    @Test("diacritics, case, possessives, curly apostrophes, hyphens and dashes")
    func normalisation() {
        #expect(words("Orbán’s ORBAN's orban") == ["orban", "orban", "orban"])
        #expect(words("Putin's anti-Russian—strategy") == ["putin", "anti", "russian", "strategy"])
        #expect(words("Łódź Zürich São Paulo") == ["lodz", "zurich", "sao", "paulo"])
        #expect(words("ﬁnance Ｈｕｎｇａｒｙ") == ["finance", "hungary"])  // NFKC: ligature and full-width
        #expect(words("Путина Путину Путиным") == ["путин", "путин", "путин"])
        #expect(words("don't 3.5 %") == ["don", "t", "3", "5"])
    }

    @Test("token offsets point at the original bytes")
    func offsets() {
        var tokenizer = Tokenizer()
        let text = "Der Präsident „Orbán“ sagte"
        let bytes = Array(text.utf8)
        for token in tokenizer.tokens(text) {
            let original = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            #expect(Normalization.fold(original) == token.normalized || original.lowercased() == token.normalized)
        }
    }

    @Test("all-capital and capitalised flags")
    func capitals() {
        var tokenizer = Tokenizer()
        let tokens = tokenizer.tokens("EU us NATO Nato A")
        #expect(tokens.map(\.isAllCaps) == [true, false, true, false, false])
        #expect(tokens.map(\.isCapitalized) == [true, false, true, true, true])
    }

    func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.split(text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test("sentences survive abbreviations, initials, decimals and quotations")
    func splitting() {
        #expect(
            sentences("Mr. Smith went to the U.S. on Oct. 17 and paid $3.50. Then he left.")
                == ["Mr. Smith went to the U.S. on Oct. 17 and paid $3.50.", "Then he left."])
        #expect(sentences("J. K. Rowling wrote it. Dr. Who? Yes!") == ["J. K. Rowling wrote it.", "Dr. Who?", "Yes!"])
        #expect(
            sentences("\"We will win.\" He smiled. “It is over.” She left.")
                == ["\"We will win.\"", "He smiled.", "“It is over.”", "She left."])
        #expect(sentences("First line\nSecond line") == ["First line", "Second line"])
        #expect(sentences("It rose 2.5 percent. Prices fell.") == ["It rose 2.5 percent.", "Prices fell."])
        #expect(sentences("He said so... Then nothing.") == ["He said so...", "Then nothing."])
        #expect(sentences("") == [])
    }
}

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("drops scripts, styles, navigation and forms; keeps paragraphs, line breaks and entities")
    func convert() {
        let html = """
            <html><head><title>Talks &amp; more</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <h1>Putin meets Orbán</h1><p>First   paragraph, with&nbsp;an entity &eacute; and
            a line<br>break.</p><aside>Related: nothing</aside><form><input name=q><button>Go</button></form>
            <p>Second <b>bold</b> paragraph.</p><ul><li>one</li><li>two</li></ul></body></html>
            """
        let document = HTMLText.convert(html)
        #expect(document.title == "Talks & more")
        #expect(
            document.text
                == "Putin meets Orbán\n\nFirst paragraph, with an entity é and a line\nbreak.\n\nSecond bold paragraph.\n\none\n\ntwo")
    }

    @Test("tag soup and deep nesting do not break it")
    func soup() {
        #expect(HTMLText.convert("<p>unclosed <b>bold <i>both</p>after").text.contains("unclosed bold both"))
        let deep = String(repeating: "<div>", count: 200) + "deep" + String(repeating: "</div>", count: 200)
        #expect(HTMLText.convert(deep).text == "deep")
        // Deeper than libxml2's limit: the text past it is lost, but nothing breaks.
        let hostile = String(repeating: "<div>", count: 100_000) + "x"
        #expect(HTMLText.convert(hostile).text.count <= 1)
        #expect(HTMLText.convert("").text == "")
    }
}

import Extractor
import Foundation
import Store

extension StoredItem {
    /// An item to store with what the extractor found in it (a quote's speaker only when the
    /// resolver is confident of it).
    init(
        identity: String, title: String?, link: String?, published: Date?, contentHash: String, text: String,
        extraction result: ExtractionResult
    ) {
        self.init(
            identity: identity, title: title, link: link, published: published, contentHash: contentHash, text: text,
            actors: result.actors.map { actor in
                StoredActor(
                    id: actor.id, count: actor.count, salience: actor.salience,
                    mentions: actor.mentions.map { StoredMention(kind: $0.kind.rawValue, form: $0.form, sentence: $0.sentence) })
            },
            topics: result.topics.map { StoredTopic(id: $0.id, sentences: $0.sentences) },
            quotes: result.quotes.map {
                StoredQuote(
                    text: $0.text, speakerActor: $0.confidentSpeaker?.actor, speakerText: $0.confidentSpeaker?.text,
                    verb: $0.verb, sentence: $0.sentence)
            },
            coMentions: result.coMentions.map { StoredCoMention(a: $0.a, b: $0.b, count: $0.count) })
    }
}

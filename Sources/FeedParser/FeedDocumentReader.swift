import CLibXML2
import FeedCore

/// Drives libxml2's SAX2 parser over one UTF-8 document and hands each event to the feed builder.
///
/// SAX rather than `xmlTextReader`: the reader gives up at the first well-formedness error even in
/// recovery mode, while the SAX parser recovers and goes on, so a feed with one stray `&` or one
/// unclosed tag still yields every entry. The handler declares no entity callbacks at all, so no
/// entity declared in a DTD is ever stored or expanded (no billion laughs, no XXE), on top of never
/// setting XML_PARSE_NOENT / DTDLOAD / HUGE and the refusing external-entity loader.
final class FeedDocumentReader {
    private let context: xmlParserCtxtPtr
    private let document: UnsafeBufferPointer<UInt8>
    /// Bytes handed to the push parser per call.
    private static let sliceBytes = 256 << 10
    private let issues: IssueSink
    let limits: ParseLimits
    // Hot-path state, touched on every SAX event from this one thread: dynamic exclusivity checks on
    // these would cost more than the parsing itself.
    @exclusivity(unchecked) var builder: FeedBuilder
    /// The builder's text collector, held here too so text skips a level of calls.
    private let capture: TextCapture
    /// Open elements as the document wrote them (local name and prefix pointers). libxml2's recovery
    /// pops exactly one element per end tag, whatever its name, so one stray `</b>` would shift every
    /// later element up a level; feedwatch instead closes by the name the end tag wrote (see
    /// `endElement`), as HTML parsers do.
    @exclusivity(unchecked) private var openElements:
        [(local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?)] = []
    /// The name a mismatched end tag wrote, reported by libxml2 just before its end callback.
    @exclusivity(unchecked) private var mismatchedEndTag: String?
    private var sawElement = false
    /// The root's namespace when feedwatch does not know it but the root's name says the family
    /// (`<feed xmlns="http://purl.org/pie/">`, CDF's `<CHANNEL>`): elements in it are read as that family.
    private var rootFamily: (uri: String?, family: Namespace)?
    private var tooDeepAtLine: Int?

    /// Element meaning by (namespace URI, local name) pointers: libxml2 interns both in the parser's
    /// dictionary, so each distinct name is classified once per document.
    @exclusivity(unchecked) private var elementNames = InternedNameTable<ElementName>()
    @exclusivity(unchecked) private var attributeNames = InternedNameTable<AttributeName>()
    /// The attributes of the element being started, valid only during its start callback.
    @exclusivity(unchecked) private var attributesOfCurrentElement: [XMLAttribute]?
    @exclusivity(unchecked) private var pendingAttributes: (count: Int, pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) = (0, nil)

    init(utf8: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws {
        guard let start = utf8.baseAddress, utf8.count > 0 else { throw FeedParseError.unreadable("empty document") }
        limits = options.limits
        fw_xml_silence_thread()
        document = UnsafeBufferPointer(start: start, count: utf8.count)
        issues = IssueSink(maxIssues: options.limits.maxIssues)
        builder = FeedBuilder(options: options)
        capture = builder.capture
        // The push parser reads the document in slices and drops what it has consumed, so memory stays
        // at one slice beyond the caller's bytes (a memory parser context would copy the whole document).
        var handler = Self.makeHandler()
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else {
            throw FeedParseError.unreadable("libxml2 could not start a parser")
        }
        self.context = context
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        let flags =
            XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        xmlCtxtUseOptions(context, Int32(flags))
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
    }

    deinit {
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc); context.pointee.myDoc = nil }
        xmlFreeParserCtxt(context)
    }

    func read() throws -> ParsedFeed {
        var offset = 0
        repeat {
            let count = min(Self.sliceBytes, document.count - offset)
            let last = offset + count >= document.count
            let slice = UnsafeRawPointer(document.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
            let status = xmlParseChunk(context, slice, Int32(count), last ? 1 : 0)
            offset += count
            if status != 0 && context.pointee.disableSAX != 0 { break }  // stopped or halted
        } while offset < document.count && !builder.finished && tooDeepAtLine == nil
        if let line = tooDeepAtLine { throw FeedParseError.tooDeep(line: line, limit: limits.maxDepth) }
        builder.finishDocument(line: currentLine)
        var result = builder.result
        result.errors = issues.issues
        if issues.dropped > 0 {
            result.errors.append(ParseIssue(line: 0, message: "\(issues.dropped) more errors not listed"))
        }
        result.errors.append(contentsOf: builder.notes)
        result.wellFormed = !issues.sawError
        if !sawElement {
            throw FeedParseError.unreadable(issues.issues.first.map { "line \($0.line): \($0.message)" } ?? "no XML element found")
        }
        return result
    }

    var currentLine: Int { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context))) }

    // MARK: SAX events

    private func startElement(
        local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let depth = openElements.count
        openElements.append((local, prefix, uri))
        sawElement = true
        guard !builder.finished else { return }
        if depth > limits.maxDepth {
            tooDeepAtLine = currentLine
            xmlStopParser(context)
            return
        }
        pendingAttributes = (attributeCount, attributes)
        attributesOfCurrentElement = nil
        if depth == 0, let local { rootFamily = rootFamily(local: String(cString: local), uri: uri) }
        builder.startElement(elementName(local: local, prefix: prefix, uri: uri), depth: depth, isEmpty: false, source: self)
        pendingAttributes = (0, nil)
        if builder.finished { xmlStopParser(context) }
    }

    private func endElement() {
        var closing = 1
        if let written = mismatchedEndTag {
            mismatchedEndTag = nil
            // Close up to the innermost open element with the written name; a stray end tag closes nothing.
            guard let index = openElements.lastIndex(where: { Self.qualifiedName($0.local, $0.prefix) == written }) else { return }
            closing = openElements.count - index
        }
        for _ in 0..<min(closing, openElements.count) {
            let element = openElements.removeLast()
            guard !builder.finished else { continue }
            builder.endElement(
                elementName(local: element.local, prefix: element.prefix, uri: element.uri), depth: openElements.count,
                line: currentLine)
        }
        if builder.finished { xmlStopParser(context) }
    }

    private func rootFamily(local: String, uri: UnsafePointer<xmlChar>?) -> (uri: String?, family: Namespace)? {
        if let uri {
            let text = String(cString: uri)
            guard Namespace.fromURI(text) == .other, let family = Namespace.forUnknownRoot(localName: local) else { return nil }
            return (text, family)
        }
        // CDF has no namespace: `<CHANNEL>` in capitals, or a channel with CDF's HREF attribute.
        let isCDF = local == "CHANNEL" || (local.lowercased() == "channel" && attributes().contains { $0.localName.uppercased() == "HREF" })
        return isCDF ? (nil, .cdf) : nil
    }

    private static func qualifiedName(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> String {
        let name = local.map { String(cString: $0) } ?? ""
        return prefix.map { String(cString: $0) + ":" + name } ?? name
    }

    private func record(_ error: xmlError) {
        issues.record(error)
        if error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let written = error.str2 {
            mismatchedEndTag = String(cString: written)
        } else if error.code == Int32(XML_ERR_GT_REQUIRED.rawValue), !openElements.isEmpty {
            // A start tag libxml2 gave up on (`<x a=1/>`): it was reported as started but will never be
            // ended, so end it here or everything after it would sit one level too deep.
            endElement()
        }
    }

    private func characters(_ pointer: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard capture.isActive, let pointer, count > 0 else { return }
        capture.appendCharacters(pointer, count: Int(count))
    }

    private func elementName(
        local: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?
    ) -> ElementName {
        // The prefix matters only when it was never declared (no URI).
        let undeclaredPrefix = uri == nil ? prefix : nil
        return elementNames.value(local, uri, undeclaredPrefix) {
            let namespaceURI = uri.map { String(cString: $0) }
            var family: Namespace?
            if let rootFamily, rootFamily.uri == namespaceURI, undeclaredPrefix == nil { family = rootFamily.family }
            return ElementName(
                localName: local.map { String(cString: $0) } ?? "",
                undeclaredPrefix: undeclaredPrefix.map { String(cString: $0) },
                namespaceURI: namespaceURI, family: family)
        }
    }

    /// The attributes of the element now starting (namespace declarations are not among them).
    func attributes() -> [XMLAttribute] {
        if let cached = attributesOfCurrentElement { return cached }
        let attributes = readAttributes()
        attributesOfCurrentElement = attributes
        return attributes
    }

    private func readAttributes() -> [XMLAttribute] {
        guard pendingAttributes.count > 0, let array = pendingAttributes.pointer else { return [] }
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(pendingAttributes.count)
        for i in 0..<pendingAttributes.count {
            // Five pointers per attribute: localname, prefix, URI, value start, value end.
            let (local, prefix, uri) = (array[i * 5], array[i * 5 + 1], array[i * 5 + 2])
            let name = attributeNames.value(local, prefix, uri) {
                AttributeName(
                    localName: local.map { String(cString: $0) } ?? "",
                    prefix: prefix.map { String(cString: $0) },
                    namespace: uri.map { Namespace.fromURI(String(cString: $0)) } ?? .rss)
            }
            var value = ""
            if let start = array[i * 5 + 3], let end = array[i * 5 + 4] {
                let bytes = UnsafeBufferPointer(start: start, count: end - start)
                value = String(decoding: bytes, as: UTF8.self)
                // Without entity substitution libxml2 hands `&amp;` in attributes back as `&#38;`.
                if bytes.contains(0x26) { value = value.replacingBytes("&#38;", with: "&") }
            }
            attributes.append(XMLAttribute(localName: name.localName, prefix: name.prefix, namespace: name.namespace, value: value))
        }
        return attributes
    }

    // MARK: The C handler

    /// The reader behind a callback. libxml2 2.9 silently drops every entity reference (even `&amp;`)
    /// once a document is known not to be well-formed; feedwatch keeps its own record of that
    /// (`IssueSink`), so it clears the flag on each event to keep recovery from losing text.
    ///
    /// The reader outlives every callback (it owns the parser), so the callbacks borrow it without
    /// retaining: that is a retain and a release saved on each of a document's many events.
    @inline(__always)
    private static func withReader(_ context: UnsafeMutableRawPointer?, _ body: (FeedDocumentReader) -> Void) {
        Unmanaged<FeedDocumentReader>.fromOpaque(context!)._withUnsafeGuaranteedRef { reader in
            reader.context.pointee.wellFormed = 1
            body(reader)
        }
    }

    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, local, prefix, uri, _, _, attributeCount, _, attributes in
            FeedDocumentReader.withReader(context) {
                $0.startElement(local: local, prefix: prefix, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
            }
        }
        handler.endElementNs = { context, _, _, _ in
            FeedDocumentReader.withReader(context) { $0.endElement() }
        }
        handler.characters = { context, pointer, count in
            FeedDocumentReader.withReader(context) { $0.characters(pointer, count) }
        }
        handler.cdataBlock = { context, pointer, count in
            FeedDocumentReader.withReader(context) { $0.characters(pointer, count) }
        }
        handler.ignorableWhitespace = { context, pointer, count in
            FeedDocumentReader.withReader(context) { $0.characters(pointer, count) }
        }
        handler.serror = { context, error in
            guard let error else { return }
            FeedDocumentReader.withReader(context) { $0.record(error.pointee) }
        }
        return handler
    }
}

private struct AttributeName {
    let localName: String
    let prefix: String?
    let namespace: Namespace
}

/// An element's name as the document spells it, with its namespace resolved.
final class ElementName {
    let localName: String
    /// nil for un-prefixed elements without a namespace: the document's default family, RSS or Atom.
    let namespace: Namespace?
    /// The namespace URI as written, to tell Atom 0.3 from 1.0 and RSS 0.90 from 1.0.
    let namespaceURI: String?

    /// Its meaning when un-prefixed names are RSS, and when they are Atom (classified once per name).
    private let kindInRSS: ElementKind
    private let kindInAtom: ElementKind

    init(localName: String, undeclaredPrefix: String? = nil, namespaceURI: String?, family: Namespace? = nil) {
        self.localName = localName
        self.namespaceURI = namespaceURI
        if let family {
            namespace = family
        } else if let namespaceURI {
            namespace = Namespace.fromURI(namespaceURI)
        } else if let undeclaredPrefix {
            // `<content:encoded>` with no xmlns:content: guess the namespace from the usual prefix.
            namespace = Namespace.fromUndeclaredPrefix(undeclaredPrefix)
        } else {
            namespace = nil
        }
        kindInRSS = ElementKind.classify(namespace: namespace ?? .rss, localName: localName)
        kindInAtom = ElementKind.classify(namespace: namespace ?? .atom, localName: localName)
    }

    func kind(defaultNamespace: Namespace) -> ElementKind {
        defaultNamespace == .atom ? kindInAtom : kindInRSS
    }
}

/// Collects libxml2's structured errors for one document.
final class IssueSink {
    private(set) var issues: [ParseIssue] = []
    private(set) var dropped = 0
    private(set) var sawError = false
    let maxIssues: Int

    init(maxIssues: Int) { self.maxIssues = maxIssues }

    func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        sawError = true
        guard issues.count < maxIssues else { dropped += 1; return }
        let message = error.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "XML error \(error.code)"
        issues.append(ParseIssue(line: Int(error.line), message: message))
    }
}

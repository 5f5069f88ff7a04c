import Foundation
import KefuDomain
import KefuPlatform
import Testing

/// #16.1 (CH-01): the MIME corpus (MailCorpus/*.eml, written once by make_corpus.py with the expected results in
/// expected.json) parsed with the platform's iconv codecs.
@Suite struct MimeCorpusTests {
    struct ExpectedAttachment: Decodable {
        let fileName: String
        let contentType: String
        let size: Int
        let sha256: String
        let inline: Bool
        let contentId: String?
    }

    struct Expected: Decodable {
        let subject: String?
        let fromName: String?
        let fromAddress: String?
        let messageId: String?
        let text: String?
        let textContains: [String]?
        let textNotContains: [String]?
        let attachments: [ExpectedAttachment]?
        let warnings: Bool?
        let automation: String?
        let htmlOnly: Bool?
        let inReplyTo: [String]?
        let references: [String]?
        let error: String?
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MailCorpus")

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    static func raw(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(name).eml")))
    }

    static let caseNames = ["gbk_plain", "gb2312_qp", "gb18030_base64", "big5_qp", "utf8_qp", "base64_attachment", "rfc2231_filename",
                            "html_only", "nested_related", "broken_utf8", "unknown_charset", "autoreply", "bounce", "reply_threading",
                            "gbk_raw_header", "no_boundary"]

    @Test func theCorpusHasEveryCaseListed() throws {
        #expect(Set(try Self.expected().keys) == Set(Self.caseNames))
    }

    @Test(arguments: caseNames)
    func corpusCase(_ name: String) throws {
        let expected = try #require(try Self.expected()[name])
        let parser = MimeParser(codecs: IconvMailCodecs())
        if let code = expected.error {
            #expect(throws: MailParseError.self) { try parser.parse(try Self.raw(name)) }
            do { _ = try parser.parse(try Self.raw(name)) } catch let e as MailParseError { #expect(e.code == code) }
            return
        }
        let mail = try parser.parse(try Self.raw(name))
        #expect(mail.subject == expected.subject)
        #expect(mail.from?.name == expected.fromName)
        #expect(mail.from?.address == expected.fromAddress)
        if let id = expected.messageId { #expect(mail.messageId == id) }
        if let text = expected.text { #expect(mail.text == text) }
        for piece in expected.textContains ?? [] { #expect(mail.text.contains(piece), "\(name): \(piece) not in \(mail.text)") }
        for piece in expected.textNotContains ?? [] { #expect(!mail.text.contains(piece), "\(name): \(piece) in \(mail.text)") }
        #expect(mail.htmlOnly == (expected.htmlOnly ?? false))
        #expect(mail.automation?.reason == expected.automation)
        #expect(!mail.warnings.isEmpty == (expected.warnings ?? false), "\(name): warnings \(mail.warnings)")
        if let ids = expected.inReplyTo { #expect(mail.inReplyTo == ids) }
        if let ids = expected.references { #expect(mail.references == ids) }
        let want = expected.attachments ?? []
        #expect(mail.attachments.count == want.count, "\(name): \(mail.attachments.map(\.fileName))")
        for (got, exp) in zip(mail.attachments, want) {
            #expect(got.fileName == exp.fileName)
            #expect(got.contentType == exp.contentType)
            #expect(got.size == exp.size)
            #expect(got.sha256 == exp.sha256)
            #expect(got.isInline == exp.inline)
            if let cid = exp.contentId { #expect(got.contentId == cid) }
        }
    }
}

/// #16.1: the parser's pieces one by one.
@Suite struct MimePartsTests {
    let charsets = MailCharsets(codecs: IconvMailCodecs())

    @Test func iconvDecodesGbkBig5AndReportsBadBytes() throws {
        let codecs = IconvMailCodecs()
        #expect(codecs.decode([0xC4, 0xE3, 0xBA, 0xC3], charset: "GB18030")?.text == "你好")
        #expect(codecs.decode([0xA7, 0x41, 0xA6, 0x6E], charset: "BIG5")?.text == "你好")
        let bad = try #require(codecs.decode([0x41, 0xFF, 0x42], charset: "BIG5"))
        #expect(bad.lossy)
        #expect(bad.text.hasPrefix("A\u{FFFD}"))
        #expect(codecs.decode([0x41], charset: "X-NO-SUCH") == nil)
        #expect(codecs.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func charsetNamesOfTheGbFamilyAllMeanGb18030() {
        for name in ["gb2312", "GBK", "\"GB18030\"", "x-gbk", "cp936"] { #expect(MailCharsets.canonical(name) == "GB18030") }
        #expect(MailCharsets.canonical("Big5") == "BIG5")
        #expect(MailCharsets.canonical(nil) == "US-ASCII")
    }

    @Test func quotedPrintableSoftBreaksAndStrayEquals() {
        let decoded = MailEncodings.quotedPrintable(Array("a=3Db=\r\nc=\nd =ZZ=E4=BD=A0".utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "a=bcd =ZZ你")
    }

    @Test func base64ForgivesLineBreaksAndFlagsGarbage() {
        let ok = MailEncodings.base64(Array("5L2g\r\n5aW9".utf8))
        #expect(String(decoding: ok.bytes, as: UTF8.self) == "你好")
        #expect(ok.clean)
        #expect(!MailEncodings.base64(Array("5L2g*5aW9".utf8)).clean)
    }

    @Test func encodedWordsJoinAdjacentAndKeepPlainText() {
        var warnings: [String] = []
        // "你好" split across two words inside the second character; plain text around them is kept.
        let value = "Re: =?UTF-8?B?5L2g5Q==?= =?UTF-8?B?pb0=?= world =?gbk?Q?=C4=E3?="
        #expect(MailEncodings.decodeWords(value, charsets: charsets, warnings: &warnings) == "Re: 你好 world 你")
        #expect(warnings.isEmpty)
        #expect(MailEncodings.decodeWords("no =? words", charsets: charsets, warnings: &warnings) == "no =? words")
    }

    @Test func rfc2231ContinuationsAndCharset() {
        var warnings: [String] = []
        let p = MailEncodings.parameterized("attachment; filename*0*=utf-8''%E4%BD%A0; filename*1=\"-x.txt\"; size=3",
                                            charsets: charsets, warnings: &warnings)
        #expect(p.value == "attachment")
        #expect(p.params["filename"] == "你-x.txt")
        #expect(p.params["size"] == "3")
    }

    @Test func addressesWithNamesCommentsAndGroups() {
        var warnings: [String] = []
        let list = MailEncodings.addresses("\"Li, Si\" <LI@x.cn>, wang@x.cn (Wang Wu), =?utf-8?B?5L2g?= <n@x.cn>",
                                           charsets: charsets, warnings: &warnings)
        #expect(list == [MailAddress(name: "Li, Si", address: "li@x.cn"), MailAddress(name: "Wang Wu", address: "wang@x.cn"),
                         MailAddress(name: "你", address: "n@x.cn")])
        #expect(MailEncodings.addresses("team: a@x.cn, b@x.cn;", charsets: charsets, warnings: &warnings).map(\.address) == ["a@x.cn", "b@x.cn"])
    }

    @Test func headerNamesAreCaseInsensitiveAndFoldedLinesJoined() throws {
        let raw = Array("FROM: a@x.cn\r\nsubject: one\r\n\ttwo\r\nmessage-id:\r\n <id@x>\r\n\r\nbody".utf8)
        let mail = try MimeParser(codecs: IconvMailCodecs()).parse(raw)
        #expect(mail.subject == "one two")
        #expect(mail.messageId == "id@x")
        #expect(mail.headers.value("Subject") == "one two")
        #expect(mail.text == "body")
    }

    @Test func automationHeaders() throws {
        let parser = MimeParser(codecs: IconvMailCodecs())
        func kind(_ extra: String, from: String = "a@x.cn") throws -> String? {
            try parser.parse(Array("From: \(from)\r\n\(extra)Subject: s\r\n\r\nb".utf8)).automation?.reason
        }
        #expect(try kind("") == nil)
        #expect(try kind("Auto-Submitted: no\r\n") == nil)
        #expect(try kind("Auto-Submitted: auto-generated\r\n") == "auto_submitted")
        #expect(try kind("Precedence: bulk\r\n") == "precedence_bulk")
        #expect(try kind("Precedence: junk\r\n") == "precedence_junk")
        #expect(try kind("Precedence: list\r\n") == "precedence_list")
        #expect(try kind("Precedence: first-class\r\n") == nil)
        #expect(try kind("X-Autoreply: yes\r\n") == "x_autoreply")
        #expect(try kind("X-Autorespond: yes\r\n") == "x_autoreply")
        #expect(try kind("Return-Path: <>\r\n") == "null_sender")
        #expect(try kind("", from: "postmaster@x.cn") == "mailer_daemon")
    }

    @Test func sizeLimitRefusesWithAReason() throws {
        let parser = MimeParser(codecs: IconvMailCodecs(), limits: MailLimits(maxMessageBytes: 100))
        let raw = Array(("From: a@x.cn\r\nSubject: s\r\n\r\n" + String(repeating: "x", count: 200)).utf8)
        #expect(throws: MailParseError.tooLarge(raw.count, limit: 100)) { try parser.parse(raw) }
        #expect(throws: MailParseError.self) { try parser.parse(Array("no headers at all".utf8)) }
    }
}

import Foundation
import KefuDomain
import Testing

/// #16 item 2: the composed message and the retry rules.
@Suite struct OutboundMailTests {
    static func mail(subject: String = "Re: 空调不制冷 [KF2026-000042]", body: String = "您好\n.第二行以点开头\n谢谢", kind: OutboundMail.Kind = .reply,
                     references: [String] = ["a@customer.example", "kefu.1@kefu.example"]) -> OutboundMail {
        OutboundMail(kind: kind, from: MailAddress(name: "客服中心", address: "service@kefu.example"), to: MailAddress(name: "王先生", address: "wang@customer.example"),
                     subject: subject, body: body, messageId: "kefu.2@kefu.example", inReplyTo: "a@customer.example", references: references,
                     ticketNumber: "KF2026-000042", date: Date(timeIntervalSince1970: 1_796_000_000))
    }

    struct NoCodecs: MailCodecs {
        func decode(_ bytes: [UInt8], charset: String) -> (text: String, lossy: Bool)? {
            ["utf-8", "utf8", "us-ascii", "ascii"].contains(charset.lowercased()) ? (String(decoding: bytes, as: UTF8.self), false) : nil
        }
        func sha256Hex(_ bytes: [UInt8]) -> String { "" }
    }

    @Test func theMessageIsSevenBitWithThreadingHeadersAndReadsBackAsWritten() throws {
        let raw = Self.mail().rfc5322()
        #expect(raw.allSatisfy { $0 < 0x80 }, "7-bit on the wire")
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.contains("\r\nMessage-ID: <kefu.2@kefu.example>\r\n"))
        #expect(text.contains("\r\nIn-Reply-To: <a@customer.example>\r\n"))
        #expect(text.contains("References: <a@customer.example> <kefu.1@kefu.example>"))
        #expect(text.contains("X-Kefu-Ticket: KF2026-000042"))
        #expect(!text.contains("Auto-Submitted"), "a person's reply is not automatic")
        #expect(text.contains("Date: ") && text.contains("+0800"), "China time")
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 998 })
        // Parsed by Kefu's own MIME parser, the subject, sender name and body come back as written.
        let parsed = try MimeParser(codecs: NoCodecs(), limits: MailLimits()).parse(raw)
        #expect(parsed.subject == "Re: 空调不制冷 [KF2026-000042]")
        #expect(parsed.from?.name == "客服中心")
        #expect(parsed.text.contains(".第二行以点开头"))
        #expect(parsed.messageId == "kefu.2@kefu.example")
        #expect(MailSubjectNumberProbe.number(in: parsed.subject) == "KF2026-000042")
    }

    @Test func anAcknowledgementSaysItIsAutomatic() {
        let text = String(decoding: Self.mail(kind: .acknowledgement).rfc5322(), as: UTF8.self)
        #expect(text.contains("\r\nAuto-Submitted: auto-replied\r\n"), "RFC 3834: the customer's autoresponder must not answer it")
    }

    @Test func aLongSubjectIsSplitIntoWordsBetweenCharacters() {
        let long = String(repeating: "风电场变桨系统故障", count: 12)
        let words = OutboundMail.encodedWords(long)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 })
        var warnings: [String] = []
        let decoded = MailEncodings.decodeWords(words.joined(separator: " "), charsets: MailCharsets(codecs: NoCodecs()), warnings: &warnings)
        #expect(decoded == long)
    }

    @Test func theReplySubjectKeepsTheTicketNumberOnce() {
        #expect(OutboundMail.replySubject(ticketSubject: "空调不制冷", ticketNumber: "KF2026-000042") == "Re: 空调不制冷 [KF2026-000042]")
        #expect(OutboundMail.replySubject(ticketSubject: "回复：Re: 空调不制冷", ticketNumber: "KF2026-000042") == "Re: 空调不制冷 [KF2026-000042]")
        #expect(OutboundMail.replySubject(ticketSubject: "Re: [KF2026-000042] 空调", ticketNumber: "KF2026-000042") == "Re: [KF2026-000042] 空调")
        #expect(OutboundMail.replySubject(ticketSubject: "", ticketNumber: "KF2026-000042") == "Re: [KF2026-000042]")
    }

    @Test func referencesKeepTheFirstAndTheLatest() {
        let ids = (1...30).map { "m\($0)@x" } + ["m5@x"]
        let refs = OutboundMail.references(ids)
        #expect(refs.count == OutboundMail.maxReferences)
        #expect(refs.first == "m1@x")
        #expect(refs.last == "m30@x")
        #expect(Set(refs).count == refs.count)
    }

    @Test func aTemporaryFailureIsRetriedFiveTimesThenGivenUp() {
        #expect(OutboundMailRules.afterFailure(attempt: 1, permanent: false, nowMillis: 1_000) == .retry(atMillis: 61_000))
        #expect(OutboundMailRules.afterFailure(attempt: 5, permanent: false, nowMillis: 0) == .retry(atMillis: 14_400_000))
        #expect(OutboundMailRules.afterFailure(attempt: 6, permanent: false, nowMillis: 0) == .failed)
        #expect(OutboundMailRules.afterFailure(attempt: 1, permanent: true, nowMillis: 0) == .failed)
    }

    @Test func theAcknowledgementIsInEnglishOnlyWhenTheCustomerWroteNoChinese() {
        #expect(OutboundMailRules.acknowledgementLocale(subject: "Broken pump", text: "It leaks.") == "en")
        #expect(OutboundMailRules.acknowledgementLocale(subject: "Pump", text: "水泵漏水") == "zh-CN")
    }
}

/// The subject-number reader lives in KefuChannels; this mirrors its pattern to check the subject round-trips.
enum MailSubjectNumberProbe {
    static func number(in subject: String) -> String? {
        guard let range = subject.range(of: "KF[0-9]{4}-[0-9]{6,}", options: .regularExpression) else { return nil }
        return String(subject[range])
    }
}

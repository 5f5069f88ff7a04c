import Foundation

/// #16.4 (CH-01, TKT-03): the pure rules of live chat — what a visitor may send (length, rate), how the contact is
/// read (phone or e-mail), the chat's states, and whether the centre is open for chat (else the widget takes a
/// message that becomes a ticket at once).
public enum ChatRules {
    /// A message longer than this is refused (CH-01: a chat message, not a letter; SPEC is silent on the number).
    public static let messageMax = 2000
    public static let nameMax = 60
    public static let contactMax = 100
    /// A visitor may send at most `rateCount` messages in any `rateWindowMillis` (a flood is refused, not stored).
    public static let rateCount = 8
    public static let rateWindowMillis: Int64 = 10_000

    /// The widget is public: one client address may start at most `startsPerAddress` chats or out-of-hours messages
    /// in any `startWindowMillis` (a script cannot fill the queue or the ticket list). SPEC is silent on the number;
    /// five in ten minutes is more than a visitor who lost the page needs.
    public static let startsPerAddress = 5
    public static let startWindowMillis: Int64 = 10 * 60_000

    /// Whether another start is allowed when `recent` starts from the same address fall in the window ending now;
    /// `limit` 0 means no limit (an operator's choice, e.g. for a load test).
    public static func allowsStart(recent: Int, limit: Int = startsPerAddress) -> Bool { limit <= 0 || recent < limit }

    /// Seconds until the oldest start in the window leaves it (the Retry-After of a refusal); at least 1.
    public static func startRetryAfterSeconds(oldestInWindow: Int64, now: Int64) -> Int {
        max(1, Int((oldestInWindow + startWindowMillis - now + 999) / 1000))
    }

    public enum State: String, CaseIterable, Codable, Sendable {
        case waiting, active, closed
    }

    public enum Author: String, Codable, Sendable {
        case visitor, agent, system
    }

    /// Why a message is refused; the code is the error frame's `code`.
    public enum Refusal: String, Error, Equatable, Sendable {
        case empty = "message_empty"
        case tooLong = "message_too_long"
        case badClientId = "bad_client_id"
    }

    /// The message to store: trimmed, not empty, at most `messageMax` characters; the client id 1–64 printable ASCII.
    public static func message(_ raw: String?, clientId: String?) -> Result<(body: String, clientId: String), Refusal> {
        guard let id = clientId, (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && !$0.isWhitespace && ($0.asciiValue ?? 0) >= 33 }) else {
            return .failure(.badClientId)
        }
        let body = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return .failure(.empty) }
        guard body.count <= messageMax else { return .failure(.tooLong) }
        return .success((body, id))
    }

    /// The rate limit: `recent` are the times (epoch millis) of the visitor's messages already stored; another one at
    /// `now` is allowed when fewer than `rateCount` of them fall in the window ending at `now`.
    public static func allowsAnother(recent: [Int64], now: Int64) -> Bool {
        recent.filter { $0 > now - rateWindowMillis && $0 <= now }.count < rateCount
    }

    /// A contact as the visitor typed it: an e-mail address or a phone number; nil when it is neither.
    public enum Contact: Equatable, Sendable {
        case email(String)
        case phone(String)
    }

    public static func contact(_ raw: String?) -> Contact? {
        guard let c = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !c.isEmpty, c.count <= contactMax else { return nil }
        if c.contains("@") { return TextRules.isPlausibleEmail(c) ? .email(c) : nil }
        guard c.allSatisfy({ $0.isNumber || " +-()".contains($0) }), let key = TextRules.phoneKey(c), key.filter(\.isNumber).count >= 5 else { return nil }
        return .phone(c)
    }

    /// The hours the centre answers chat: 08:30–17:30 on working days of the working calendar (public holidays and
    /// their swapped working days from the SLA calendar). SPEC has no opening hours per unit; this is #16.4's default.
    public static let hours = BusinessHours(startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30)!

    /// Whether a chat started at `now` is answered live (else the widget takes a message for a ticket).
    /// `calendar`: the working calendar (its holiday schedule and time zone; its own business hours are not used).
    public static func isOpen(at now: Int64, calendar: WorkCalendar, hours: BusinessHours = ChatRules.hours) -> Bool {
        WorkCalendar(schedule: calendar.schedule, hours: hours, utcOffsetSeconds: calendar.utcOffsetSeconds).isWorkingTime(now, .businessHours)
    }

    /// The subject of the ticket a chat becomes.
    public static func subject(name: String, offline: Bool) -> String {
        offline ? "在线留言：\(name)" : "在线咨询：\(name)"
    }

    /// The transcript as the ticket keeps it: one line per message, `[HH:mm] who: text` in the centre's time zone.
    public static func transcript(_ lines: [(at: Int64, who: String, body: String)], utcOffsetSeconds: Int = 8 * 3600) -> String {
        lines.map { line in
            let local = (line.at / 1000 + Int64(utcOffsetSeconds)) % 86_400
            let minutes = (local + 86_400) % 86_400 / 60
            return String(format: "[%02d:%02d] ", Int(minutes / 60), Int(minutes % 60)) + "\(line.who)：\(line.body)"
        }.joined(separator: "\n")
    }
}

import Foundation
import KefuDomain

/// #11.6: a moment as the views carry it — epoch milliseconds decoded from the row in the query — so a page only formats
/// it (`display`, the organisation's zone) and never parses a string back. In JSON it is the API's RFC 3339 text
/// (API.md), so the contract does not change.
public struct Instant: Codable, Sendable, Hashable, Comparable {
    public let millis: Int64

    public init(millis: Int64) { self.millis = millis }

    public init?(millis: Int64?) {
        guard let millis else { return nil }
        self.millis = millis
    }

    /// "2026-11-29 16:30" in the organisation's zone.
    public var display: String { Times.display(millis) }

    /// The API's text: "2026-11-29T08:30:00.125Z".
    public var rfc3339: String { Times.rfc3339(millis) }

    public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }

    /// Reading an API answer back (clients, tests): the RFC 3339 text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let date = Times.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(text)")
        }
        millis = Clock.millis(date)
    }
}

extension Optional where Wrapped == Instant {
    /// The display text, or a dash when there is no time.
    public var displayOrDash: String { self?.display ?? "—" }
}

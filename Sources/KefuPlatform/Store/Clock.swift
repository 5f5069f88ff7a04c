import Foundation

/// Times are stored as UTC epoch milliseconds (BIGINT) on both engines.
public enum Clock {
    public static func millis(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    public static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}

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

/// What time it is, in epoch milliseconds: the system's clock, or one a test sets and moves on its own.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    public init(_ read: @escaping @Sendable () -> Int64) { self.read = read }

    public static let system = WallClock { Clock.millis() }

    public func millis() -> Int64 { read() }
}

import Foundation

/// Field rules for tickets; limits keep one request from filling the database.
public enum TicketRules {
    public static let subjectMax = 200
    public static let descriptionMax = 10_000
    public static let commentMax = 10_000
    public static let noteMax = 2_000
    public static let customerNameMax = 100
    public static let emailMax = 200

    /// API.md: `receivedAt` is at most 30 days in the past and never in the future.
    public static let receivedAtMaxAge: TimeInterval = 30 * 24 * 3600
    /// Clock skew tolerated between a client and the server for "never in the future".
    public static let receivedAtFutureTolerance: TimeInterval = 60

    public enum ReceivedAtProblem: Equatable, Sendable { case inFuture, tooOld }

    public static func checkReceivedAt(_ receivedAt: Date, now: Date) -> ReceivedAtProblem? {
        if receivedAt.timeIntervalSince(now) > receivedAtFutureTolerance { return .inFuture }
        if now.timeIntervalSince(receivedAt) > receivedAtMaxAge { return .tooOld }
        return nil
    }

    /// Human ticket number, unique: prefix, year of receipt in the organisation's zone, a per-year sequence.
    public static func number(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return "KF\(year)-\(padded)"
    }
}

import KefuPlatform
import SQLKit

/// What happened on a shift (SHF-03: "Kefu fills in the open tickets, work orders and breaches of the shift"): one
/// line per record, with its number, what it is about and its state.
public struct ShiftFactLine: Codable, Sendable, Equatable {
    public let number: String
    public let subject: String
    public let status: String
    public init(number: String, subject: String, status: String) { self.number = number; self.subject = subject; self.status = status }
}

/// The unit's open tickets and work orders at signing, and the SLA breaches whose deadline fell in the shift.
public struct ShiftFacts: Codable, Sendable, Equatable {
    public var openTickets: [ShiftFactLine]
    public var openWorkOrders: [ShiftFactLine]
    public var breaches: [ShiftFactLine]
    public init(openTickets: [ShiftFactLine] = [], openWorkOrders: [ShiftFactLine] = [], breaches: [ShiftFactLine] = []) {
        self.openTickets = openTickets; self.openWorkOrders = openWorkOrders; self.breaches = breaches
    }
    /// At most this many lines of each kind are kept (the rest are in the lists of the service desk).
    public static let limit = 50
}

/// The port through which the handover reads the service desk's and work orders' records. Tickets and work orders
/// are other features' tables: this port is implemented in the composition root through their query functions, so
/// this feature never reads them.
public protocol HandoverFactsSource: Sendable {
    /// The facts of the unit at `unitPath` and below for a shift from `from` to `to` (epoch millis), inside the caller's
    /// transaction.
    func facts(_ db: any SQLDatabase, unitPath: String, from: Int64, to: Int64) async throws -> ShiftFacts
}

/// No service desk behind (tests of the feature alone): nothing to fill in.
public struct NoHandoverFacts: HandoverFactsSource {
    public init() {}
    public func facts(_ db: any SQLDatabase, unitPath: String, from: Int64, to: Int64) async throws -> ShiftFacts { ShiftFacts() }
}

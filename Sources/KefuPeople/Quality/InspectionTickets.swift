import Foundation
import KefuDomain
import SQLKit

/// A ticket as quality inspection scores it (KPI-03): its number, unit and first-contact owner.
public struct InspectedTicket: Sendable, Equatable {
    public let id: String
    public let number: String
    public let orgPath: String
    public let ownerId: String?
    public init(id: String, number: String, orgPath: String, ownerId: String?) { self.id = id; self.number = number; self.orgPath = orgPath; self.ownerId = ownerId }
}

/// A ticket the inspection form's picker offers (#15.5): the ticket and its subject.
public struct InspectionTicketCandidate: Sendable, Equatable {
    public let ticket: InspectedTicket
    public let subject: String
    public init(ticket: InspectedTicket, subject: String) { self.ticket = ticket; self.subject = subject }
}

/// The port through which inspection finds a ticket by its number. Tickets are the service desk's table: the port is
/// implemented in the composition root through its query functions, so this feature never reads them.
public protocol InspectionTicketSource: Sendable {
    /// The ticket typed as its number (KF2026-000004) or id, inside the caller's transaction; nil when none.
    func ticket(_ db: any SQLDatabase, typed: String) async throws -> InspectedTicket?
    /// The tickets a typed number names (whole, or the running number alone), for the form's picker; no scope applied.
    func candidates(_ db: any SQLDatabase, query: FindQuery, now: Date, limit: Int) async throws -> [InspectionTicketCandidate]
}

/// No service desk behind (tests of the feature alone): no ticket is found.
public struct NoInspectionTickets: InspectionTicketSource {
    public init() {}
    public func ticket(_ db: any SQLDatabase, typed: String) async throws -> InspectedTicket? { nil }
    public func candidates(_ db: any SQLDatabase, query: FindQuery, now: Date, limit: Int) async throws -> [InspectionTicketCandidate] { [] }
}

/// A verified complaint about an agent's service attitude (CMP-17), as the penalty pass reads it.
public struct AgentComplaint: Sendable, Equatable {
    public let id: String
    public let number: String
    public let agentId: String
    public let registeredAt: Int64
    public init(id: String, number: String, agentId: String, registeredAt: Int64) {
        self.id = id; self.number = number; self.agentId = agentId; self.registeredAt = registeredAt
    }
}

/// The port through which the penalty pass reads complaints (KefuAftersales' table), implemented in the composition root.
public protocol AgentComplaintSource: Sendable {
    /// How many verified complaints each staff member complained about has (agents without any are absent).
    func verifiedComplaintCounts(_ db: any SQLDatabase) async throws -> [String: Int]
    /// The verified complaints about one staff member, oldest first, inside the caller's transaction.
    func verifiedComplaints(_ db: any SQLDatabase, agentId: String) async throws -> [AgentComplaint]
}

public struct NoAgentComplaints: AgentComplaintSource {
    public init() {}
    public func verifiedComplaintCounts(_ db: any SQLDatabase) async throws -> [String: Int] { [:] }
    public func verifiedComplaints(_ db: any SQLDatabase, agentId: String) async throws -> [AgentComplaint] { [] }
}

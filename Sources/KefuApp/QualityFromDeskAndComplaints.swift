import KefuAftersales
import KefuPeople
import KefuServiceDesk
import Foundation
import KefuDomain
import SQLKit

/// #15.5 KPI-03: the ticket an inspection scores, read through the service desk's query function
/// (`TicketQueries.inspectionFacts`).
struct InspectionTicketsFromDesk: InspectionTicketSource {
    func ticket(_ db: any SQLDatabase, typed: String) async throws -> InspectedTicket? {
        try await TicketQueries.inspectionFacts(db, typed: typed).map { InspectedTicket(id: $0.id, number: $0.number, orgPath: $0.orgPath, ownerId: $0.ownerId) }
    }

    func candidates(_ db: any SQLDatabase, query: FindQuery, now: Date, limit: Int) async throws -> [InspectionTicketCandidate] {
        try await TicketQueries.inspectionCandidates(db, query: query, now: now, limit: limit).map {
            InspectionTicketCandidate(ticket: InspectedTicket(id: $0.facts.id, number: $0.facts.number, orgPath: $0.facts.orgPath, ownerId: $0.facts.ownerId),
                                      subject: $0.subject)
        }
    }
}

/// #15.5 KPI-02, CMP-17: the verified complaints about agents, read through the after-sales query functions
/// (`ComplaintAgentQueries`).
struct AgentComplaintsFromAftersales: AgentComplaintSource {
    func verifiedComplaintCounts(_ db: any SQLDatabase) async throws -> [String: Int] {
        try await ComplaintAgentQueries.verifiedCounts(db)
    }

    func verifiedComplaints(_ db: any SQLDatabase, agentId: String) async throws -> [AgentComplaint] {
        try await ComplaintAgentQueries.verified(db, agentId: agentId).map {
            AgentComplaint(id: $0.id, number: $0.number, agentId: $0.agentId, registeredAt: $0.registeredAt)
        }
    }
}

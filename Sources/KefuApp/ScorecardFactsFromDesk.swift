import KefuAftersales
import KefuPeople
import KefuServiceDesk
import SQLKit

/// #15.5 KPI-01: the scorecard's facts, read through the service desk's and after-sales' grouped query functions
/// (`TicketQueries.agentFacts`, `AgentFeedbackQueries.satisfaction`/`complaints`): one statement per metric for all agents.
struct ScorecardFactsFromDesk: ScorecardFactsSource {
    func facts(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64, now: Int64) async throws -> [String: AgentDeskFacts] {
        let tickets = try await TicketQueries.agentFacts(db, agentIds: agentIds, from: from, to: to, now: now)
        let surveys = try await AgentFeedbackQueries.satisfaction(db, agentIds: agentIds, from: from, to: to)
        let complaints = try await AgentFeedbackQueries.complaints(db, agentIds: agentIds, from: from, to: to)
        var out: [String: AgentDeskFacts] = [:]
        for id in Set(tickets.keys).union(surveys.keys).union(complaints.keys) {
            var f = AgentDeskFacts()
            if let t = tickets[id] {
                f.taken = t.taken
                f.firstResponseEligible = t.firstResponseEligible; f.firstResponseOnTime = t.firstResponseOnTime
                f.resolutionDue = t.resolutionDue; f.resolvedWithinTarget = t.resolvedWithinTarget
                f.escalations = t.escalations; f.lateEscalations = t.lateEscalations
            }
            if let s = surveys[id] { f.surveys = s.responses; f.satisfied = s.satisfied }
            f.complaints = complaints[id] ?? 0
            out[id] = f
        }
        return out
    }
}

import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// What the complaint pages render: the complaint, the names of the people on it, and the pickers' choices,
/// read in one transaction (the page itself never touches the store).
struct ComplaintPageModel: Sendable {
    let complaint: ComplaintView
    let names: [String: String]
    let units: [(id: String, name: String, path: String)]
    let staff: [(id: String, name: String)]
    /// #11.5: its ticket and the ticket's other after-sales records.
    let related: [RelatedRecord]
    /// #14 CMP-15: a property organisation's case without its return visit cannot close yet (the page says why).
    var closeNeedsReturnVisit = false
}

extension ComplaintService {
    func pageModel(id: String, viewer: Principal, withChoices: Bool) async throws -> ComplaintPageModel {
        let c = try await get(id: id, viewer: viewer)
        let ids = Set((c.history ?? []).compactMap(\.actorId) + (c.actions ?? []).flatMap { [$0.recordedBy, $0.approvedBy] }.compactMap { $0 }
                  + [c.firstAnswer?.by].compactMap { $0 })
        let returnVisits = self.returnVisits
        return try await store.read { db in
            var needsVisit = false
            if c.returnVisit == nil, c.status != ComplaintStatus.closed.rawValue,
               let row = try await db.raw("SELECT org_path FROM complaints WHERE id = \(bind: c.id)").first() {
                needsVisit = try await returnVisits.required(db, orgPath: try row.decode(column: "org_path", as: String.self))
            }
            return ComplaintPageModel(
                complaint: c, names: try await OrgQueries.displayNames(db, ids: ids),
                units: withChoices ? try await OrgQueries.activeUnits(db) : [],
                staff: withChoices ? try await OrgQueries.activeUsers(db, withAnyOf: [.csAgent, .csSupervisor, .csManager]) : [],
                related: try await RelatedRecords.of(db, ticketId: c.ticketId, recordId: c.id, viewer: viewer), closeNeedsReturnVisit: needsVisit)
        }
    }
}

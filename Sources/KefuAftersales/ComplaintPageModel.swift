import KefuDomain
import KefuOrg
import KefuPlatform

/// What the complaint pages render: the complaint, the names of the people on it, and the pickers' choices,
/// read in one transaction (the page itself never touches the store).
struct ComplaintPageModel: Sendable {
    let complaint: ComplaintView
    let names: [String: String]
    let units: [(id: String, name: String, path: String)]
    let staff: [(id: String, name: String)]
    /// #11.5: its ticket and the ticket's other after-sales records.
    let related: [RelatedRecord]
}

extension ComplaintService {
    func pageModel(id: String, viewer: Principal, withChoices: Bool) async throws -> ComplaintPageModel {
        let c = try await get(id: id, viewer: viewer)
        let ids = Set((c.history ?? []).compactMap(\.actorId) + (c.actions ?? []).flatMap { [$0.recordedBy, $0.approvedBy] }.compactMap { $0 })
        return try await store.read { db in
            ComplaintPageModel(
                complaint: c, names: try await OrgQueries.displayNames(db, ids: ids),
                units: withChoices ? try await OrgQueries.activeUnits(db) : [],
                staff: withChoices ? try await OrgQueries.activeUsers(db, withAnyOf: [.csAgent, .csSupervisor, .csManager]) : [],
                related: try await RelatedRecords.of(db, ticketId: c.ticketId, recordId: c.id, viewer: viewer))
        }
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.6: a repair order or a return as its page shows it, with the display names of everyone in its history and on
/// its signatures, read in one transaction (the pages never read; names come through Org's query API).
public struct AftersalesPageModel<Record: Sendable>: Sendable {
    public let record: Record
    public let names: [String: String]
    /// #11.5: its ticket and the ticket's other after-sales records.
    public let related: [RelatedRecord]
}

enum AftersalesPeople {
    static func names(_ db: any SQLDatabase, _ entries: [AuditTrail.Entry], extra: [String?]) async throws -> [String: String] {
        try await OrgQueries.displayNames(db, ids: Set(entries.compactMap(\.actorId) + extra.compactMap { $0 }))
    }
}

extension RepairService {
    public func pageModel(id: String, viewer: Principal) async throws -> AftersalesPageModel<RepairOrderView> {
        try await store.read { db in
            let order = try await get(id: id, viewer: viewer)
            return AftersalesPageModel(record: order, names: try await AftersalesPeople.names(db, order.history ?? [], extra: []),
                                       related: try await RelatedRecords.of(db, ticketId: order.ticketId, recordId: order.id, viewer: viewer))
        }
    }
}

extension ReturnService {
    public func pageModel(id: String, viewer: Principal) async throws -> AftersalesPageModel<ReturnView> {
        try await store.read { db in
            let ret = try await get(id: id, viewer: viewer)
            let signatures = [ret.slip?.signedBy, ret.slip?.bookedBy, ret.override?.by]
            return AftersalesPageModel(record: ret, names: try await AftersalesPeople.names(db, ret.history ?? [], extra: signatures),
                                       related: try await RelatedRecords.of(db, ticketId: ret.ticketId, recordId: ret.id, viewer: viewer))
        }
    }
}

import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for shift handovers (#15.2): a handover found by its whole number (JJ-2026-000001, unique index), only where
/// the viewer may see it (its outgoing person, or staff of its unit and above).
public struct HandoverFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("handover", Text("交接班记录", "Handovers"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("handover"), RosterRoles.isStaff(r.viewer.roles) else { return [] }
        guard let number = r.query.number, number.prefix == "JJ" else { return [] }
        return try await db.raw("\(unsafeRaw: HandoverRow.select) WHERE h.number = \(bind: number.formatted(dash: true, width: 6))").all()
            .map(HandoverRow.init(row:))
            .filter { (try? HandoverQueries.requireView(r.viewer, $0)) != nil }
            .map { h in
                SearchHit(kind: "handover", id: h.id, number: h.number, title: h.outgoingName + " · " + h.shiftDay,
                          detail: HandoverPages.statusLabel(h.status.rawValue)(r.locale), href: "/people/handovers/\(h.id)")
            }
    }
}

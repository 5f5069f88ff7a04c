import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the scenic visitor services: a lost-person case found by its whole number (XR-2026-0001), only where the
/// viewer works the case's unit or above.
public struct ScenicFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("scenic_lost_case", Text("景区寻人", "Scenic lost-person cases"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("scenic_lost_case"), ScenicRules.isWorker(r.viewer.roles) else { return [] }
        guard let number = r.query.number, number.prefix == "XR" else { return [] }
        guard let c = try await ScenicQueries.lostCaseByNumber(db, number: number.formatted(dash: true, width: 4), viewer: r.viewer) else { return [] }
        return [SearchHit(kind: "scenic_lost_case", id: c.id, number: c.number, title: Text("寻人：", "Lost person: ")(r.locale) + c.lostName,
                          detail: ScenicLabels.lostStatus(c.status)(r.locale) + " · " + c.reporterName, href: "/scenic/lost/\(c.id)")]
    }
}

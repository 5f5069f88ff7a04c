import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the front desk registers (#14.4): an entry found by its whole number (SW-/JC-/ZP-/FP-/HY-/GB-2026-000001),
/// only where the viewer works the desk of its unit or above.
public struct FrontDeskFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("front_desk", Text("服务台登记", "Front desk registers"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("front_desk"), !r.viewer.roles.isDisjoint(with: FrontDeskRules.workers) else { return [] }
        guard let number = r.query.number, FrontDeskRegister.allCases.contains(where: { $0.numberPrefix == number.prefix }) else { return [] }
        guard let rec = try await FrontDeskQueries.byNumber(db, number: number.formatted(dash: true, width: 6), viewer: r.viewer, now: FrontDeskNow(Date())) else { return [] }
        return [SearchHit(kind: "front_desk", id: rec.id, number: rec.number, title: FrontDeskLabels.register(rec.register)(r.locale) + " · " + rec.summary,
                          detail: FrontDeskLabels.status(rec.status)(r.locale) + " · " + rec.personName, href: "\(FrontDeskPages.path)/records/\(rec.id)")]
    }
}

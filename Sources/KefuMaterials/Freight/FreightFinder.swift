import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for freight (#13.4): a record found by its whole number (YF-2026-000001, unique index), only where the viewer
/// may see the site (D16), as the list does. (The shipment's reference is a filter of the freight list, not indexed for
/// the site-wide search.)
public struct FreightFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("freight", Text("运费记录", "Freight records"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("freight"), !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return [] }
        guard let number = r.query.number, number.prefix == "YF" else { return [] }
        return try await db.prepared("\(unsafeRaw: FreightView.select) WHERE f.number = \(bind: number.formatted(dash: true, width: 6))").all()
            .map { try FreightView(row: $0, viewer: nil) }
            .filter { MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: $0.orgPath)) }
            .map { f in
                SearchHit(kind: "freight", id: f.id, number: f.number, title: FreightLabels.mode(f.mode)(r.locale) + " · " + f.shipmentRef + " · " + f.unitName,
                          detail: FreightLabels.status(f.status)(r.locale) + " · " + f.cost, href: "/materials/freight/\(f.id)")
            }
    }
}

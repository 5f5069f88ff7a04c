import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for work orders (#14.1): an order found by its whole number (GD-2026-000001, unique index), only where the
/// viewer may see it (its unit and below, CS or engineering).
public struct WorkOrderFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("work_order", Text("工作任务单", "Work orders"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("work_order"), !r.viewer.roles.isDisjoint(with: WorkOrderRules.viewers) else { return [] }
        guard let number = r.query.number, number.prefix == "GD" else { return [] }
        return try await db.prepared("\(unsafeRaw: WorkOrderView.select) WHERE w.number = \(bind: number.formatted(dash: true, width: 6))").all()
            .map { try WorkOrderView(row: $0, signature: nil, viewer: nil) }
            .filter { WorkOrderRules.mayView(roles: r.viewer.roles, userPath: r.viewer.orgPath, orderPath: $0.orgPath) }
            .map { o in
                SearchHit(kind: "work_order", id: o.id, number: o.number, title: WorkOrderLabels.kind(o.kind)(r.locale) + " · " + o.location,
                          detail: WorkOrderLabels.status(o.status)(r.locale) + " · " + o.requesterName, href: "\(WorkOrderPages.path)/\(o.id)")
            }
    }
}

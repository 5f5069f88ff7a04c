import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15.5 KPI-06: material-loss records (SS-…) in the quick search by their whole number, only where the viewer may
/// see them (HQ, in scope, or the person responsible).
public struct LossResponsibilityFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("loss_responsibility", Text("材料损失责任单", "Material-loss records"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("loss_responsibility"), let n = r.query.number, n.prefix == LossResponsibilityService.prefix else { return [] }
        let number = n.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        for row in try await db.prepared("SELECT id, org_path, responsible_id, cause, status FROM loss_responsibilities WHERE number = \(bind: number)").all()
            where LossResponsibilityQueries.canSee(r.viewer, path: try row.decode(column: "org_path", as: String.self),
                                                   responsibleId: try row.decode(column: "responsible_id", as: String.self)) {
            let id = try row.decode(column: "id", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            hits.append(SearchHit(kind: "loss_responsibility", id: id, number: number,
                                  title: LossResponsibilityPages.causeLabel(try row.decode(column: "cause", as: String.self))(r.locale),
                                  detail: LossResponsibilityStatus(rawValue: status).map { Text($0.label.zh, $0.label.en)(r.locale) } ?? status,
                                  href: "\(LossResponsibilityPages.path)/\(id)"))
        }
        return hits
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The list page (#13.3): one page of applications in the viewer's scope, the late count, whether the viewer applies.
public struct CommercialRepairListModel: Sendable {
    let filter: CommercialRepairQueries.Filter
    let repairs: ListPage<CommercialRepairView>
    let lateCount: Int
    let canCreate: Bool
}

/// The new-application form: the units the viewer applies for, the chosen one, and its sites' class II parts that may go in.
public struct CommercialRepairFormModel: Sendable {
    struct Unit: Sendable { let id: String; let name: String; let path: String }
    let units: [Unit]
    let unit: Unit?
    let parts: [DamagedPartView]
    /// The kinds the viewer may apply for: a site only calls the maker under warranty (DMG-07).
    let kinds: [CommercialRepairKind]
}

extension CommercialRepairService {
    static func mayApply(_ viewer: Principal) -> Bool {
        CommercialRepairKind.allCases.contains { CommercialRepairRules.mayAct(.edit, kind: $0, roles: viewer.roles, covers: true) }
    }

    public func listModel(_ q: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> CommercialRepairListModel {
        try MaterialAccess.requireViewer(viewer)
        let filter = try CommercialRepairQueries.Filter.parse(q)
        let today = Self.today(now)
        return try await store.read { db in
            var late = CommercialRepairQueries.Filter()
            late.late = true
            let lateCount = try await CommercialRepairQueries.list(db, late, paging: Paging(page: 1, per: 1), viewer: viewer, today: today).total
            return CommercialRepairListModel(filter: filter, repairs: try await CommercialRepairQueries.list(db, filter, paging: paging, viewer: viewer, today: today),
                                             lateCount: lateCount, canCreate: Self.mayApply(viewer))
        }
    }

    public func formModel(orgUnitId: String?, viewer: Principal) async throws -> CommercialRepairFormModel {
        try MaterialAccess.requireViewer(viewer)
        guard Self.mayApply(viewer) else {
            throw AppError.forbidden(Text("商修申请由业务部发起（DMG-06）", "Commercial repairs are applied for by the business department (DMG-06)"))
        }
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db).filter { OrgPath.contains(viewer.orgPath, $0.path) }.prefix(200)
                .map { CommercialRepairFormModel.Unit(id: $0.id, name: $0.name, path: $0.path) }
            let unit = units.first { $0.id == TextRules.trimmed(orgUnitId) } ?? (units.count == 1 ? units.first : nil)
            var parts: [DamagedPartView] = []
            if let unit { parts = try await CommercialRepairQueries.eligibleParts(db, unitPath: unit.path) }
            let kinds = CommercialRepairKind.allCases.filter { CommercialRepairRules.mayAct(.edit, kind: $0, roles: viewer.roles, covers: true) }
            return CommercialRepairFormModel(units: Array(units), unit: unit, parts: parts, kinds: kinds)
        }
    }
}

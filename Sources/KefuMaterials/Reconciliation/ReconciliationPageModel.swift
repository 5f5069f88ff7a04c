import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform

/// The reconciliation page's model (STK-08, RPT-07): the units the viewer may pick, and — once a unit and a month are
/// chosen — the month's reconciliation (as recorded, else computed now) and whether the viewer may record it. Read in
/// one transaction by `ReconciliationService.pageModel`.
struct ReconciliationPageModel: Sendable {
    struct UnitChoice: Sendable { let id: String; let name: String }
    let units: [UnitChoice]
    let orgUnitId: String?
    let month: String
    let view: ReconciliationView?
    let canRecord: Bool
}

extension ReconciliationService {
    /// The page's model: units in the viewer's scope; the chosen unit's month when one is chosen (a unit outside the
    /// scope is refused as on the API). Month defaults to the last month whose 15th has come.
    func pageModel(orgUnitId: String?, month: String?, viewer: Principal, now: Date = Date()) async throws -> ReconciliationPageModel {
        try MaterialAccess.requireViewer(viewer)
        let chosenMonth = TextRules.trimmed(month) ?? ReconciliationRules.latestMonth(today: MaterialValidation.today(now))
        let m = try Self.month(chosenMonth)
        let unitId = TextRules.trimmed(orgUnitId)
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db)
                .filter { MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: $0.path)) }
                .map { ReconciliationPageModel.UnitChoice(id: $0.id, name: $0.name) }
            guard let unitId else {
                return ReconciliationPageModel(units: units, orgUnitId: nil, month: m.month, view: nil, canRecord: false)
            }
            let unit = try await Self.unit(db, unitId, viewer: viewer, audit: false)
            let view = try await Self.view(db, unit: unit, month: m.month, asOf: m.asOf, start: m.start)
            let canRecord = !view.recorded && MaterialPermissions.canAuditDocuments(viewer.roles, covers: viewer.covers(unitPath: unit.path))
            return ReconciliationPageModel(units: units, orgUnitId: unitId, month: m.month, view: view, canRecord: canRecord)
        }
    }
}

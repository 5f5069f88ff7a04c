import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The analyses list (KPI-07): one page of analyses, the filters, and the units the viewer may pick.
public struct QualityAnalysesPageModel: Sendable {
    public let analyses: ListPage<QualityAnalysisView>
    public let unitId: String?
    public let period: String?
    public let status: QualityAnalysisRules.Status?
    public let units: [(id: String, name: String)]
    public let mayWrite: Bool
}

/// The new-analysis form: the units the viewer writes for, and the staff a line may name.
public struct QualityAnalysisFormPageModel: Sendable {
    public let units: [(id: String, name: String)]
    public let staff: [(id: String, name: String)]
}

/// One analysis, and the staff its edit form offers while it is a draft the viewer may edit.
public struct QualityAnalysisPageModel: Sendable {
    public let analysis: QualityAnalysisView
    public let staff: [(id: String, name: String)]
}

extension QualityAnalysisService {
    public func listPage(viewer: Principal, unitId: String?, period: String?, status: String?, paging: Paging, now: Date = Date()) async throws -> QualityAnalysesPageModel {
        try Self.requireReader(viewer)
        let filter = try Self.filter(unitId: unitId, period: period, status: status)
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
            return QualityAnalysesPageModel(analyses: try await QualityAnalysisQueries.list(db, viewer: viewer, filter: filter, paging: paging, now: now),
                                            unitId: filter.unitId, period: filter.period, status: filter.status, units: units,
                                            mayWrite: !viewer.roles.isDisjoint(with: QualityAnalysisRules.authors))
        }
    }

    public func formPage(viewer: Principal) async throws -> QualityAnalysisFormPageModel {
        try Self.requireAuthor(viewer, unitPath: viewer.orgPath)
        return try await store.read { db in
            QualityAnalysisFormPageModel(units: try await QualityAnalysisQueries.authorUnits(db, viewer: viewer),
                                         staff: try await QualityAnalysisQueries.staff(db, underPath: viewer.orgPath))
        }
    }

    public func detailPage(id: String, viewer: Principal, now: Date = Date()) async throws -> QualityAnalysisPageModel {
        try await store.read { db in
            let a = try await QualityAnalysisQueries.view(db, id: id, viewer: viewer, now: now, sources: sources)
            let staff = a.actions.contains("edit") ? try await QualityAnalysisQueries.staff(db, underPath: viewer.orgPath) : []
            return QualityAnalysisPageModel(analysis: a, staff: staff)
        }
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The list page: one page of records, the filters as read, and the sites the viewer may record a loss at.
struct LossResponsibilityListModel: Sendable {
    let records: ListPage<LossResponsibilityView>
    let filter: LossResponsibilityFilter
    /// Sites (现场) the viewer sees, for the filter; the ones it may record at, for the form's button.
    let sites: [(id: String, name: String)]
    let canRegister: Bool
}

/// The form: the sites the viewer may record a loss at (KPI-06: its 业务部's sites; HQ every site).
struct LossResponsibilityFormModel: Sendable {
    let sites: [(id: String, name: String)]
}

extension LossResponsibilityService {
    /// The active sites the viewer covers (all for HQ), and those it may record at.
    static func sites(_ db: any SQLDatabase, viewer: Principal) async throws -> (seen: [(id: String, name: String)], recordable: [(id: String, name: String)]) {
        let sites = try await OrgQueries.activeUnitSummaries(db).filter { $0.kind == OrgUnitKind.site.rawValue }
        let seen = sites.filter { LossResponsibilityRules.seesAll(viewer.roles) || viewer.covers(unitPath: $0.path) }
        let recordable = seen.filter { LossResponsibilityRules.may(.register, roles: viewer.roles, covers: viewer.covers(unitPath: $0.path)) }
        return (seen.map { ($0.id, $0.name) }, recordable.map { ($0.id, $0.name) })
    }

    func listModel(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> LossResponsibilityListModel {
        guard !Role.isCustomerOnly(viewer.roles) else { throw AppError.forbidden() }
        let f = try LossResponsibilityQueries.filter(q)
        return try await store.read { db in
            let sites = try await Self.sites(db, viewer: viewer)
            return LossResponsibilityListModel(records: try await LossResponsibilityQueries.list(db, f, paging: paging, viewer: viewer), filter: f,
                                               sites: sites.seen, canRegister: !sites.recordable.isEmpty)
        }
    }

    func formModel(viewer: Principal) async throws -> LossResponsibilityFormModel {
        guard LossResponsibilityRules.mayEver(.register, roles: viewer.roles) else { throw Self.refusal(.register) }
        return try await store.read { db in LossResponsibilityFormModel(sites: try await Self.sites(db, viewer: viewer).recordable) }
    }
}

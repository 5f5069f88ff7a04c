import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #10.2: the unit scope of after-sales records (`AftersalesScope`), in Swift and in SQL.
enum AftersalesRecords {
    /// A record outside the viewer's scope is answered 404, as if it did not exist.
    static func requireInScope(_ p: Principal, recordPath: String, responsiblePath: String? = nil, _ what: Text) throws {
        guard AftersalesScope.covers(roles: p.roles, userPath: p.orgPath, recordPath: recordPath, responsiblePath: responsiblePath) else {
            throw AppError.notFound(what)
        }
    }

    /// #17.6 RET-04: the answer for a record of `kind` that is not (or no longer) in the database: 410 `archived` with its
    /// tombstone (`RetentionTombstones`) for a viewer whose scope covered the record's unit, else the usual 404.
    static func missing(_ db: any SQLDatabase, _ kind: RetainedKind, id: String, viewer: Principal, _ what: Text) async throws -> AppError {
        try await RetentionTombstones.gone(db, kind: kind, id: id, what: what) { t in
            AftersalesScope.covers(roles: viewer.roles, userPath: viewer.orgPath, recordPath: t.orgPath ?? "", responsiblePath: nil)
        }
    }

    /// The SQL condition selecting the records in scope: `column` is the record's org path; `responsibleUnit`, when
    /// given, the column of a complaint's responsible unit id.
    static func condition(_ p: Principal, path column: String, responsibleUnit: String? = nil) -> SQLQueryString {
        if AftersalesScope.coversEveryUnit(roles: p.roles, userPath: p.orgPath) { return "1 = 1" }
        let like = p.orgPath + "%"
        var s: SQLQueryString = "(\(unsafeRaw: column) LIKE \(bind: like)"
        if let responsibleUnit {
            s = s + " OR \(unsafeRaw: responsibleUnit) IN (\(OrgQueries.unitIdsUnder(pathPrefix: p.orgPath)))"
        }
        return s + ")"
    }
}

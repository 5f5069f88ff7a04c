import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

struct Items<T: Encodable & Sendable>: Encodable, Sendable { let items: [T] }

/// A page of rows of one table, optionally of one status, newest first.
enum StatusLists {
    static func page<T: Encodable & Sendable, S: RawRepresentable & CaseIterable>(
        _ store: any Store, table: String, newestFirst column: String, status raw: String?, _ type: S.Type, paging: Paging, scope: SQLQueryString,
        _ map: @escaping @Sendable (any SQLRow) throws -> T
    ) async throws -> ListPage<T> where S.RawValue == String {
        let status = try TextRules.trimmed(raw).map { try Field.choice($0, "status", S.self).rawValue }
        return try await store.read { db in
            let byStatus: SQLQueryString = status.map { "status = \(bind: $0)" } ?? "1 = 1"
            let cond: SQLQueryString = byStatus + " AND " + scope
            let total = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(cond)").first()!.decode(column: "n", as: Int.self)
            let rows = try await db.raw("SELECT * FROM \(unsafeRaw: table) WHERE \(cond) ORDER BY \(unsafeRaw: column) DESC, id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)").all()
            return ListPage(items: try rows.map(map), page: paging.page, per: paging.per, total: total)
        }
    }
}

import KefuDomain
import KefuPlatform
import SQLKit

/// #14 CMP-15: a complaint belongs to a property organisation when its unit or an ancestor keeps an estate here; such a
/// complaint closes only after its return visit. Read inside the complaint's closing transaction.
public struct PropertyReturnVisitRequirement: ReturnVisitRequirement {
    public init() {}

    public func required(_ db: any SQLDatabase, orgPath: String) async throws -> Bool {
        let ids = OrgPath.ids(orgPath)
        guard !ids.isEmpty else { return false }
        var sql: SQLQueryString = "SELECT 1 AS one FROM property_estates WHERE org_unit_id IN ("
        for (i, id) in ids.enumerated() {
            if i > 0 { sql = sql + ", " }
            sql = sql + "\(bind: id)"
        }
        sql = sql + ") LIMIT 1"
        return try await db.raw(sql).first() != nil
    }
}

import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: users in the quick search and the staff pickers (the salesperson of a 红联, a recipient): active staff users
/// by the start of the username (its unique index) or of the display name, as the user list shows them to all staff.
public struct UserFinder: CombinedSearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("user", Text("用户", "Users"))] }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard r.wants("user"), !r.viewer.isCustomer else { return [] }
        let username = r.query.text.lowercased()
        // The start of the username and of the display name in one statement (`UNION ALL`, one round trip: pgperf);
        // `form` keeps the username's hits first, as two statements did.
        var forms: [SQLQueryString] = []
        func form(_ n: String, _ condition: SQLQueryString, when wanted: Bool) {
            guard wanted else { return }
            forms.append("""
                SELECT * FROM (SELECT \(unsafeRaw: n) AS form, u.id, u.username, u.display_name, u.roles, o.name AS unit_name
                FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE \(condition) AND u.active = 1 ORDER BY u.username LIMIT \(bind: r.limit + 1)) q\(unsafeRaw: n)
                """)
        }
        form("0", "u.username >= \(bind: username) AND u.username < \(bind: FindQuery.upperBound(ofPrefix: username))", when: r.query.mayBeCode && r.query.number == nil)
        form("1", "u.display_name >= \(bind: r.query.text) AND u.display_name < \(bind: FindQuery.upperBound(ofPrefix: r.query.text))", when: r.query.mayBeName)
        guard !forms.isEmpty else { return [] }
        return [SearchLookup("users", "\(SQLList(forms, separator: SQLRaw(" UNION ALL "))) ORDER BY form, username")]
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        var seen = Set<String>()
        var hits: [SearchHit] = []
        for row in rows["users"] ?? [] {
            let id = try row.decode(column: "id", as: String.self)
            // Customers' own accounts are not staff to pick.
            if Role.isCustomerOnly(Set(RoleList.decode(try row.decode(column: "roles", as: String.self)))) { continue }
            guard seen.insert(id).inserted, hits.count < r.limit else { continue }
            hits.append(SearchHit(kind: "user", id: id, number: try row.decode(column: "username", as: String.self),
                                  title: try row.decode(column: "display_name", as: String.self),
                                  detail: try row.decode(column: "unit_name", as: String.self),
                                  href: r.viewer.isAdmin ? "/admin/users/\(id)" : nil))
        }
        return hits
    }
}

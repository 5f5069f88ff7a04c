import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #10.6: the customers a staff user may see. Customers carry no unit of their own; a customer belongs to the unit of
/// the user who registered it, and is also seen by every unit that has (or handles) a ticket of that customer. A
/// role acts in its unit and below (`OrgPath`); the root unit sees every customer.
enum CustomerScope {
    static func condition(_ viewer: Principal, alias c: String = "c") -> SQLQueryString {
        if viewer.coversWholeOrganisation { return "1 = 1" }
        let like = viewer.orgPath + "%"
        return """
            (\(OrgQueries.userUnder(userColumn: c + ".created_by", pathPrefix: viewer.orgPath))
             OR EXISTS (SELECT 1 FROM tickets ct WHERE ct.customer_id = \(unsafeRaw: c).id AND (ct.org_path LIKE \(bind: like) OR ct.team_path LIKE \(bind: like))))
            """
    }

    /// The customer record when it is in the viewer's scope; nil (answered 404) otherwise.
    static func record(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> CustomerRecord? {
        try await db.raw("""
            SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c WHERE c.id = \(bind: id) AND \(condition(viewer))
            """).first().map { try CustomerRecord(row: $0) }
    }
}

import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// TKT-05: reading the customer flags (the ticket page, the customer's API, the supervisor's list).
enum CustomerFlagQueries {
    static func open(_ db: any SQLDatabase, customerId: String) async throws -> CustomerFlagRow? {
        try await db.raw("""
            SELECT \(unsafeRaw: CustomerFlagRow.columns) FROM \(unsafeRaw: CustomerFlagRow.from)
            WHERE f.customer_id = \(bind: customerId) AND f.status IN ('proposed', 'confirmed')
            """).first().map(CustomerFlagRow.init)
    }

    static func flags(_ db: any SQLDatabase, customerId: String, viewer: Principal) async throws -> CustomerFlagsView {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: CustomerFlagRow.columns) FROM \(unsafeRaw: CustomerFlagRow.from)
            WHERE f.customer_id = \(bind: customerId) ORDER BY f.proposed_at DESC, f.id LIMIT 50
            """).all().map(CustomerFlagRow.init)
        let names = try await OrgQueries.displayNames(db, ids: Set(rows.flatMap(\.people)))
        let views = rows.map { $0.view(names: names) }
        let open = views.first { $0.status.isOpen }
        return CustomerFlagsView(customerId: customerId, open: open, history: views,
                                 mayPropose: open == nil && CustomerFlagRules.mayPropose(viewer.roles), mayDecide: CustomerFlagRules.mayDecide(viewer.roles))
    }

    static func list(_ db: any SQLDatabase, status: CustomerFlagRules.Status, paging: Paging, viewer: Principal) async throws -> ListPage<CustomerFlagView> {
        let page = try await RegisterQuery.page(db, from: CustomerFlagRow.from, select: "SELECT \(CustomerFlagRow.columns) FROM \(CustomerFlagRow.from)",
                                                where: ["f.status = \(bind: status.rawValue)", CustomerScope.condition(viewer)],
                                                order: "f.proposed_at DESC, f.id", paging: paging)
        let rows = try page.rows.map(CustomerFlagRow.init)
        let names = try await OrgQueries.displayNames(db, ids: Set(rows.flatMap(\.people)))
        return ListPage(items: rows.map { $0.view(names: names) }, page: paging.page, per: paging.per, total: page.total)
    }
}

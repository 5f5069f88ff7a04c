import KefuDomain
import KefuPlatform
import SQLKit

extension TicketQueries {
    /// #17.7: whether a unit's staff member's list with no condition but the scope (the "all" and "team" views) is
    /// past `cap` on the unit's own tickets alone. Those are part of both views, so when they reach the cap the list
    /// does, and its capped total is read off the unit-path index (the first `cap` entries, index only) rather than
    /// tested ticket by ticket over every side of the scope: D01's "all" counted its 49,500 tickets to 10,001 in
    /// 28–57 ms on PostgreSQL. false for roles that see only what is forwarded to them (#10.20), customers and the whole
    /// organisation.
    static func unitAloneReaches(_ db: any SQLDatabase, cap: Int, viewer: Principal, dialect: StoreDialect) async throws -> Bool {
        guard !viewer.isCustomer, Role.seesUnitTickets(viewer.roles), !viewer.coversWholeOrganisation else { return false }
        let n = try await dialect.withIndexWalks(db) {
            try await db.raw("""
                SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM tickets t \(unsafeRaw: indexHint("tickets_org_path", dialect))
                    WHERE \(dialect.startsWith("t.org_path", viewer.orgPath)) LIMIT \(bind: cap)) u
                """).first()!.decode(column: "n", as: Int.self)
        }
        return n >= cap
    }
}

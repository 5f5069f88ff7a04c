import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: the customers part of the quick search, as the customer register decides it (#10.6): holders of the register
/// find customers in their scope (`CustomerScope`) by the start of the name (a range on `customers_name`), the whole
/// phone number (`phone_key`) or the whole e-mail (`email_key`); roles that may only look a caller up find a customer by
/// the whole phone number, counted against the same look-up limit.
public struct CustomerFinder: SearchProvider {
    let customers: CustomerService

    public init(customers: CustomerService) { self.customers = customers }

    public var kinds: [SearchKind] { [SearchKind("customer", Text("客户", "Customers"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("customer") else { return [] }
        let q = r.query
        var found: [CustomerRecord] = []
        func fetch(_ condition: SQLQueryString) async throws -> [CustomerRecord] {
            try await db.prepared("""
                SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c WHERE \(condition) AND \(CustomerScope.condition(r.viewer))
                ORDER BY c.name, c.id LIMIT \(bind: r.limit)
                """).all().map { try CustomerRecord(row: $0) }
        }
        if r.viewer.has(.viewCustomerRegister) {
            if let phone = q.phoneKey { found += try await fetch("c.phone_key = \(bind: phone)") }
            if let email = q.emailKey { found += try await fetch("c.email_key = \(bind: email)") }
            if q.mayBeName { found += try await fetch("c.name >= \(bind: q.text) AND c.name < \(bind: FindQuery.upperBound(ofPrefix: q.text))") }
        } else if r.viewer.has(.lookupCustomer), let phone = q.phoneKey {
            try customers.lookups.require(r.viewer.userId)
            found += try await fetch("c.phone_key = \(bind: phone)")
        }
        var seen = Set<String>()
        let register = r.viewer.has(.viewCustomerRegister)
        return found.filter { seen.insert($0.id).inserted }.prefix(r.limit).map { c in
            SearchHit(kind: "customer", id: c.id, number: c.phone, title: c.name,
                      detail: c.email, href: register ? "/customers?q=" + urlQueryValue(c.phone ?? c.email ?? c.name) : nil)
        }
    }
}

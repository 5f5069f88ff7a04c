import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: the customers part of the quick search, as the customer register decides it (#10.6): holders of the register
/// find customers in their scope (`CustomerScope`) by the start of the name (a range on `customers_name`), the whole
/// phone number (`phone_key`) or the whole e-mail (`email_key`); roles that may only look a caller up find a customer by
/// the whole phone number, counted against the same look-up limit.
public struct CustomerFinder: CombinedSearchProvider {
    let customers: CustomerService

    public init(customers: CustomerService) { self.customers = customers }

    public var kinds: [SearchKind] { [SearchKind("customer", Text("客户", "Customers"))] }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard r.wants("customer") else { return [] }
        let q = r.query
        func fetch(_ tag: String, _ condition: SQLQueryString) -> SearchLookup {
            SearchLookup(tag, """
                SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c WHERE \(condition) AND \(CustomerScope.condition(r.viewer))
                ORDER BY c.name, c.id LIMIT \(bind: r.limit)
                """)
        }
        var lookups: [SearchLookup] = []
        if r.viewer.has(.viewCustomerRegister) {
            if let phone = q.phoneKey { lookups.append(fetch("phone", "c.phone_key = \(bind: phone)")) }
            if let email = q.emailKey { lookups.append(fetch("email", "c.email_key = \(bind: email)")) }
            if q.mayBeName { lookups.append(fetch("name", "c.name >= \(bind: q.text) AND c.name < \(bind: FindQuery.upperBound(ofPrefix: q.text))")) }
        } else if r.viewer.has(.lookupCustomer), let phone = q.phoneKey {
            try customers.lookups.require(r.viewer.userId)
            lookups.append(fetch("phone", "c.phone_key = \(bind: phone)"))
        }
        return lookups
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        let found = try ["phone", "email", "name"].flatMap { try (rows[$0] ?? []).map { try CustomerRecord(row: $0) } }
        var seen = Set<String>()
        let register = r.viewer.has(.viewCustomerRegister)
        return found.filter { seen.insert($0.id).inserted }.prefix(r.limit).map { c in
            SearchHit(kind: "customer", id: c.id, number: c.phone, title: c.name,
                      detail: c.email, href: register ? "/customers?q=" + urlQueryValue(c.phone ?? c.email ?? c.name) : nil)
        }
    }
}

import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1: forms that point to a customer (a survey campaign's list) take its id or its whole phone number.
public enum CustomerReferenceLookup {
    /// The customer id for `typed`: itself when a customer has that id, else the customer with that whole phone number.
    public static func id(_ db: any SQLDatabase, _ typed: String) async throws -> String? {
        if try await db.raw("SELECT id FROM customers WHERE id = \(bind: typed)").first() != nil { return typed }
        guard let key = FindQuery(typed)?.phoneKey else { return nil }
        return try await db.raw("SELECT id FROM customers WHERE phone_key = \(bind: key)").first()?.decode(column: "id", as: String.self)
    }
}

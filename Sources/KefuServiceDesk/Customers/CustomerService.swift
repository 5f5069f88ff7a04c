import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

public struct CustomerRecord: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    @Nullable public var phone: String?
    @Nullable public var email: String?
    public let createdAt: String
    public let updatedAt: String

    static let columns = "c.id, c.name, c.phone, c.email, c.created_at, c.updated_at"

    var snapshot: TicketView.Customer { TicketView.Customer(id: id, name: name, phone: phone, email: email) }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        phone = try row.decode(column: "phone", as: String?.self)
        email = try row.decode(column: "email", as: String?.self)
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        updatedAt = Times.rfc3339(try row.decode(column: "updated_at", as: Int64.self))
    }
}

public struct CustomerInput: Codable, Sendable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public init(name: String? = nil, phone: String? = nil, email: String? = nil) { self.name = name; self.phone = phone; self.email = email }
}

/// The customer register (台账, TKT-06): visible only to supervisors and managers; agents may look a caller up
/// by phone number while logging a call, and get a ticket's own customer on the ticket.
public struct CustomerService: Sendable {
    let store: any Store
    let lookups: LookupThrottle

    public init(store: any Store, clock: WallClock = .system) {
        self.store = store
        lookups = LookupThrottle(clock: clock)
    }

    struct Valid: Sendable {
        let name: String
        let phone: String?
        let phoneKey: String?
        let email: String?
        let emailKey: String?
    }

    static func validate(_ input: CustomerInput, nameRequired: Bool) throws -> Valid {
        let phone = TextRules.trimmed(input.phone)
        let phoneKey = TextRules.phoneKey(phone)
        if phone != nil, phoneKey == nil || phone!.count > 40 {
            throw AppError.validation("customer.phone", Text("电话号码无效", "The phone number is not valid"))
        }
        let email = TextRules.trimmed(input.email)
        if let email, email.count > TicketRules.emailMax || !TextRules.isPlausibleEmail(email) {
            throw AppError.validation("customer.email", Text("邮箱地址无效", "The email address is not valid"))
        }
        let name = TextRules.trimmed(input.name)
        if let name, name.count > TicketRules.customerNameMax {
            throw AppError.validation("customer.name", Text("客户姓名最长 100 字", "The customer name is at most 100 characters"))
        }
        if nameRequired, name == nil {
            throw AppError.validation("customer.name", Text("请填写客户姓名", "The customer name is required"))
        }
        if name == nil, phone == nil, email == nil {
            throw AppError.validation("customer", Text("请至少填写客户姓名、电话或邮箱之一", "Give the customer's name, phone or email"))
        }
        return Valid(name: name ?? phone ?? email!, phone: phone, phoneKey: phoneKey, email: email, emailKey: TextRules.emailKey(email))
    }

    /// Finds the customer by phone, else by email, else creates one (inside the caller's transaction).
    /// A known customer's missing phone or email is filled in; a name given for a customer known only by
    /// number replaces the placeholder. Returns the customer as now stored.
    static func findOrCreate(_ db: any SQLDatabase, _ v: Valid, actorId: String?) async throws -> TicketView.Customer {
        if let existing = try await find(db, v) {
            guard existing.mayChange(with: v) else { return existing.snapshot }
            var sets: [SQLQueryString] = []
            var phone = existing.phone, email = existing.email, name = existing.name
            if let phoneKey = v.phoneKey, existing.phoneKey == nil,
               try await db.raw("SELECT 1 AS x FROM customers WHERE phone_key = \(bind: phoneKey)").first() == nil {
                sets.append("phone = \(bind: v.phone), phone_key = \(bind: phoneKey)")
                phone = v.phone
            }
            if let emailKey = v.emailKey, existing.emailKey == nil,
               try await db.raw("SELECT 1 AS x FROM customers WHERE email_key = \(bind: emailKey)").first() == nil {
                sets.append("email = \(bind: v.email), email_key = \(bind: emailKey)")
                email = v.email
            }
            if existing.nameIsPlaceholder, v.name != v.phone, v.name != v.email {
                sets.append("name = \(bind: v.name)")
                name = v.name
            }
            if !sets.isEmpty {
                sets.append("updated_at = \(bind: Clock.millis())")
                try await db.raw("UPDATE customers SET \(SQLList(sets)) WHERE id = \(bind: existing.id)").run()
            }
            return TicketView.Customer(id: existing.id, name: name, phone: phone, email: email)
        }
        let id = Clock.newID()
        let inserted = try await db.prepared("\(insert(id: id, v, actorId: actorId, at: Clock.millis())) ON CONFLICT DO NOTHING RETURNING id").first()
        // On PostgreSQL a concurrent request may have created the same customer first: use that one.
        if inserted == nil, let raced = try await find(db, v) {
            return raced.snapshot
        }
        return TicketView.Customer(id: id, name: v.name, phone: v.phone, email: v.email)
    }

    /// A new customer's row (no conflict clause: a statement that must fail when the customer was created meanwhile).
    static func insert(id: String, _ v: Valid, actorId: String?, at: Int64) -> SQLQueryString {
        """
        INSERT INTO customers (id, name, phone, phone_key, email, email_key, created_by, created_at, updated_at)
        VALUES (\(bind: id), \(bind: v.name), \(bind: v.phone), \(bind: v.phoneKey), \(bind: v.email), \(bind: v.emailKey), \(bind: actorId), \(bind: at), \(bind: at))
        """
    }

    struct Found {
        let id: String
        let name: String
        let phone: String?
        let email: String?
        let phoneKey: String?
        let emailKey: String?
        var nameIsPlaceholder: Bool { name == phone }
        var snapshot: TicketView.Customer { TicketView.Customer(id: id, name: name, phone: phone, email: email) }

        /// Whether the input may complete the record: a phone or e-mail it lacks, a real name for a placeholder.
        func mayChange(with v: Valid) -> Bool {
            (v.phoneKey != nil && phoneKey == nil) || (v.emailKey != nil && emailKey == nil)
                || (nameIsPlaceholder && v.name != v.phone && v.name != v.email)
        }

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            name = try row.decode(column: "name", as: String.self)
            phone = try row.decode(column: "phone", as: String?.self)
            email = try row.decode(column: "email", as: String?.self)
            phoneKey = try row.decode(column: "phone_key", as: String?.self)
            emailKey = try row.decode(column: "email_key", as: String?.self)
        }
    }

    static func find(_ db: any SQLDatabase, _ v: Valid) async throws -> Found? {
        var row: (any SQLRow)?
        if let phoneKey = v.phoneKey {
            row = try await db.prepared("SELECT id, name, phone, email, phone_key, email_key FROM customers WHERE phone_key = \(bind: phoneKey)").first()
        }
        if row == nil, let emailKey = v.emailKey {
            row = try await db.prepared("SELECT id, name, phone, email, phone_key, email_key FROM customers WHERE email_key = \(bind: emailKey)").first()
        }
        return try row.map(Found.init(row:))
    }

    /// `find` as one sub-select, for a statement that reads more at the same time: the customer with the phone,
    /// else the one with the e-mail address.
    static func findQuery(_ v: Valid) -> SQLQueryString {
        """
        SELECT id, name, phone, email, phone_key, email_key FROM customers WHERE phone_key = \(bind: v.phoneKey) OR email_key = \(bind: v.emailKey)
        ORDER BY (phone_key = \(bind: v.phoneKey)) DESC NULLS LAST LIMIT 1
        """
    }

    static func record(_ db: any SQLDatabase, id: String) async throws -> CustomerRecord? {
        try await db.raw("SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c WHERE c.id = \(bind: id)").first().map { try CustomerRecord(row: $0) }
    }

    /// #10.3: the check `OrgService` makes before linking a `customer` account to a customer record.
    public static let inScope: @Sendable (any SQLDatabase, String, Principal) async throws -> Bool = { db, id, actor in
        try await CustomerScope.record(db, id: id, viewer: actor) != nil
    }

    static func requireRegister(_ viewer: Principal) throws {
        guard viewer.has(.viewCustomerRegister) else {
            throw AppError.forbidden(Text("客户台账仅限客服主管及以上查看", "Only CS supervisors and managers may view the customer register"))
        }
    }

    public func create(_ input: CustomerInput, by actor: Principal) async throws -> CustomerRecord {
        guard actor.has(.createTicket) else { throw AppError.forbidden() }
        let v = try Self.validate(input, nameRequired: true)
        return try await store.write { db in
            if try await Self.find(db, v) != nil {
                throw AppError.conflict("customer_exists", Text("该电话或邮箱的客户已存在", "A customer with that phone or email already exists"))
            }
            let id = try await Self.findOrCreate(db, v, actorId: actor.userId).id
            try await AuditTrail.record(db, actorId: actor.userId, action: "customer.create", entity: "customer", entityId: id)
            return try await Self.record(db, id: id)!
        }
    }

    public func update(id: String, _ input: CustomerInput, by actor: Principal) async throws -> CustomerRecord {
        try Self.requireRegister(actor)
        let v = try Self.validate(input, nameRequired: true)
        return try await store.write { db in
            // #10.3 / #10.6: a customer outside the editor's scope is 404.
            guard try await CustomerScope.record(db, id: id, viewer: actor) != nil else { throw AppError.notFound(Text("客户", "Customer")) }
            if let other = try await Self.find(db, v), other.id != id {
                throw AppError.conflict("customer_exists", Text("该电话或邮箱已属于另一位客户", "That phone or email belongs to another customer"))
            }
            try await db.raw("""
                UPDATE customers SET name = \(bind: v.name), phone = \(bind: v.phone), phone_key = \(bind: v.phoneKey),
                email = \(bind: v.email), email_key = \(bind: v.emailKey), updated_at = \(bind: Clock.millis()) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "customer.update", entity: "customer", entityId: id,
                                        detail: ["name": v.name, "phone": v.phone ?? "", "email": v.email ?? ""])
            return try await Self.record(db, id: id)!
        }
    }

    public func get(id: String, viewer: Principal) async throws -> CustomerRecord {
        if viewer.customerId != id { try Self.requireRegister(viewer) }
        let own = viewer.customerId == id
        guard let c = try await store.read({ db in
            own ? try await Self.record(db, id: id) : try await CustomerScope.record(db, id: id, viewer: viewer)
        }) else { throw AppError.notFound(Text("客户", "Customer")) }
        return c
    }

    /// The register: supervisors and managers, searchable by name, phone or email.
    public func register(q: String?, paging: Paging, viewer: Principal) async throws -> ListPage<CustomerRecord> {
        try Self.requireRegister(viewer)
        return try await store.read { db in
            var cond: SQLQueryString = CustomerScope.condition(viewer)
            if let q = TextRules.trimmed(q) {
                let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                let phoneKey = TextRules.phoneKey(q) ?? "\u{1}"
                cond = cond + " AND " + "(c.name LIKE \(bind: like) OR c.phone_key = \(bind: phoneKey) OR c.email_key = \(bind: q.lowercased()))"
            }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM customers c WHERE \(cond)").first()!.decode(column: "n", as: Int.self)
            let items = try await db.raw("""
                SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c WHERE \(cond) ORDER BY c.created_at DESC
                LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all().map { try CustomerRecord(row: $0) }
            return ListPage(items: items, page: paging.page, per: paging.per, total: total)
        }
    }

    /// Phone look-up while logging a call. #10.6: the whole number only (no prefix search, so the register cannot
    /// be walked number by number), and only customers in the caller's scope (`CustomerScope`).
    public func lookup(phone: String, viewer: Principal) async throws -> [CustomerRecord] {
        guard viewer.has(.lookupCustomer) else { throw AppError.forbidden() }
        try lookups.require(viewer.userId)
        guard let key = TextRules.phoneKey(phone) else { return [] }
        return try await store.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: CustomerRecord.columns) FROM customers c
                WHERE c.phone_key = \(bind: key) AND \(CustomerScope.condition(viewer)) LIMIT 5
                """).all().map { try CustomerRecord(row: $0) }
        }
    }
}

import Logging
import NIOConcurrencyHelpers
import PostgresKit
import SQLKit

/// PostgreSQL runs a `ReusedStatement` as a named prepared statement: PostgresNIO prepares a name once per connection
/// and afterwards only binds and executes it, so the server parses and analyses the statement once and, after a few
/// runs, plans it once (its generic plan). On the audit of 5-line documents parse and plan were over a third of the
/// database's CPU (bench/README.md, materials). The binds are encoded as PostgresKit encodes them unprepared, with
/// the same parameter types, so a statement means the same either way.
final class PostgresStatementNames: Sendable {
    /// Names given in the process; beyond it a statement runs unprepared (a guard against texts that vary).
    static let maxNames = 256

    struct Signature: Hashable {
        let sql: String
        let types: [PostgresDataType]
    }

    private struct State {
        var names: [Signature: String] = [:]
        var given = 0
    }
    private let state = NIOLockedValueBox(State())

    /// The statement's name; nil when no more names are given.
    func name(for signature: Signature) -> String? {
        state.withLockedValue { s in
            if let known = s.names[signature] { return known }
            guard s.given < Self.maxNames else { return nil }
            s.given += 1
            let name = "kefu_p\(s.given)"
            s.names[signature] = name
            return name
        }
    }

    /// After a failed run the statement gets a new name. PostgresNIO remembers a failed preparation for the life of
    /// the connection, and a preparation can fail for a passing reason (say, in a transaction already aborted).
    func forget(_ signature: Signature, name: String) {
        state.withLockedValue { s in
            if s.names[signature] == name { s.names[signature] = nil }
        }
    }
}

/// One connection's way to run `ReusedStatement`s prepared.
struct PostgresPreparedRunner: Sendable {
    let connection: PostgresConnection
    let names: PostgresStatementNames
    let logger: Logger

    /// Runs the serialized statement prepared; false when it cannot be (a bind PostgresNIO cannot encode directly, or
    /// no names left), and the caller runs it as usual.
    func run(sql: String, binds: [any Encodable & Sendable], _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws -> Bool {
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            guard let type = try Self.append(bind, to: &bindings) else { return false }
            types.append(type)
        }
        let signature = PostgresStatementNames.Signature(sql: sql, types: types)
        guard let name = names.name(for: signature) else { return false }
        do {
            try await DynamicStatement.$current.withValue(.init(name: name, signature: signature)) {
                let rows = try await connection.execute(DynamicStatement(bindings: bindings), logger: logger)
                for try await row in rows { onRow(PostgresFastRow(row)) }
            }
        } catch {
            names.forget(signature, name: name)
            throw error
        }
        return true
    }

    /// Runs any other statement unprepared, as PostgresKit would, but hands on its rows as `PostgresFastRow`s
    /// (PostgresKit's own rows decode every column through its Codable translation: 15 % of the server's CPU on a
    /// `q` search, bench/README.md); false when a bind has no direct encoding, and the caller runs it through PostgresKit.
    func runUnprepared(sql: String, binds: [any Encodable & Sendable], _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws -> Bool {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            guard try Self.append(bind, to: &bindings) != nil else { return false }
        }
        // The row callback, as PostgresKit runs it.
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) { onRow(PostgresFastRow($0)) }.get()
        return true
    }

    /// Appends the value as PostgresKit would; returns its parameter type, or nil when it has no direct encoding.
    static func append(_ value: any Encodable & Sendable, to bindings: inout PostgresBindings) throws -> PostgresDataType? {
        var unwrapped: Any = value
        if let optional = value as? any OptionalValue {
            guard let wrapped = optional.wrappedAny else {
                bindings.appendNull()
                return .null
            }
            unwrapped = wrapped
        }
        // The commonest binds by their own type, so that their encoding is specialised: through the existential below a
        // search document's token array was encoded element by element in generic code, one allocation each (160 a
        // ticket create, 4 % of its server CPU on PostgreSQL). Same types and bytes as the existential's.
        switch unwrapped {
        case let text as String: bindings.append(text, context: .default); return String.psqlType
        case let number as Int: bindings.append(number, context: .default); return Int.psqlType
        case let number as Int64: bindings.append(number, context: .default); return Int64.psqlType
        case let texts as [String]: bindings.append(texts, context: .default); return [String].psqlType
        default: break
        }
        guard let encodable = unwrapped as? any PostgresThrowingDynamicTypeEncodable else { return nil }
        try bindings.append(encodable, context: .default)
        return encodable.psqlType
    }
}

/// PostgresNIO names and prepares a statement by its type's static `name` and `sql`, which it reads when the statement
/// is executed; this one type carries any statement's, set for the duration of the call.
private struct DynamicStatement: PostgresPreparedStatement {
    struct Current: Sendable {
        let name: String
        let signature: PostgresStatementNames.Signature
    }
    @TaskLocal static var current: Current?

    static var name: String { current?.name ?? "" }
    static var sql: String { current?.signature.sql ?? "" }
    static var bindingDataTypes: [PostgresDataType] { current?.signature.types ?? [] }

    let bindings: PostgresBindings
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

private protocol OptionalValue { var wrappedAny: Any? { get } }
extension Optional: OptionalValue {
    fileprivate var wrappedAny: Any? { self.map { $0 as Any } }
}

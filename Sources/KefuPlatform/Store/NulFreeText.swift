import SQLKit

/// Text reaching the database never holds NUL characters: PostgreSQL refuses them in text and C strings end at
/// them. They carry no meaning in anything a person types, so they are dropped from every bound value.
public enum NulFreeText {
    static func clean(_ value: any Encodable & Sendable) -> any Encodable & Sendable {
        if let s = value as? String, s.utf8.contains(0) { return strip(s) }
        return value
    }
}

extension NulFreeText {
    /// #10.21: input is made NUL-free once, where it is parsed, so that what a route answers is what was stored.
    public static func strip(_ s: String) -> String {
        s.utf8.contains(0) ? s.replacingOccurrences(of: "\0", with: "") : s
    }

    /// A JSON body without NUL characters: `\u0000` escapes inside strings and raw NUL bytes are dropped, other
    /// escapes (`\\u0000` is a backslash and the text "u0000") are kept as they are.
    public static func strip(json bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let b = Array(bytes)
        var i = 0
        let nulEscape: [UInt8] = Array("u0000".utf8)
        while i < b.count {
            let c = b[i]
            if c == 0 { i += 1; continue }
            if c == UInt8(ascii: "\\"), i + 1 < b.count {
                if i + 6 <= b.count, b[(i + 1)..<(i + 6)].elementsEqual(nulEscape) { i += 6; continue }
                out.append(c); out.append(b[i + 1]); i += 2; continue
            }
            out.append(c); i += 1
        }
        return out
    }
}

/// Wraps a query so that its bound text values are NUL-free when serialized.
struct NulFreeBinds: SQLExpression {
    let inner: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        let start = serializer.binds.count
        inner.serialize(to: &serializer)
        for i in start..<serializer.binds.count {
            serializer.binds[i] = NulFreeText.clean(serializer.binds[i])
        }
    }
}

/// An SQLDatabase that cleans every query's binds before handing it on (PostgreSQL connections), and runs
/// `ReusedStatement`s prepared.
struct NulFreeDatabase: SQLDatabase {
    let base: any SQLDatabase
    /// Runs `ReusedStatement`s prepared and other statements with fast rows (PostgreSQL); nil runs them through `base`.
    var prepared: PostgresPreparedRunner? = nil
    /// #18.6: false once the connection is closed (PostgreSQL). A statement sent on a closed PostgresNIO connection
    /// can wait for ever, so none is sent: the caller hears 503 at once.
    var isOpen: (@Sendable () -> Bool)? = nil
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: NulFreeBinds(inner: query), onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        if let isOpen, !isOpen() { throw Self.closed }
        if let prepared {
            var serializer = SQLSerializer(database: self)
            NulFreeBinds(inner: query).serialize(to: &serializer)
            if query is ReusedStatement {
                if try await prepared.run(sql: serializer.sql, binds: serializer.binds, onRow) { return }
            }
            if try await prepared.runUnprepared(sql: serializer.sql, binds: serializer.binds, onRow) { return }
        }
        try await base.execute(sql: NulFreeBinds(inner: query), onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { try await closure(NulFreeDatabase(base: $0, prepared: prepared, isOpen: isOpen)) }
    }

    static let closed = AppError(.serviceUnavailable, "database_unavailable", Text("数据库连接已断开，请稍后重试", "The database connection was closed; please try again shortly"))
}

import Logging
import NIOCore

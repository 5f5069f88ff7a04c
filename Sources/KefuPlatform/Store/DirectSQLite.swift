import Foundation
import KefuSQLitePageCache
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// One SQLite connection driven synchronously through the C API of the SQLite that sqlite-nio bundles (one
/// library in the process, so file locking stays coherent). A statement runs on the calling thread with no
/// thread hop, and prepared statements are kept for reuse: a write job of ten statements costs microseconds,
/// not ten trips through a thread pool. One caller at a time (the group-commit writer, or a pooled reader).
final class DirectSQLiteConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: PreparedStatement] = [:]
    private static let maxCachedStatements = 512
    /// A statement keeps copies of its last bound values until it runs again; beyond this many bytes they are cleared.
    private static let keptBindBytes = 64 * 1024
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private let replanCount = NIOLockedValueBox(0)

    /// How many times a cached statement was parsed and planned again (`SQLITE_STMTSTATUS_REPREPARE`): after a schema
    /// change, or when SQLite saw a new value bound where its plan depends on the value.
    var replans: Int { replanCount.withLockedValue { $0 } }

    private func countReplan() {
        replanCount.withLockedValue { $0 += 1 }
        OperationalMetrics.statementReplanned()
    }

    final class PreparedStatement {
        let pointer: OpaquePointer
        let columns: [String]
        let index: ColumnPositions
        init(pointer: OpaquePointer) {
            self.pointer = pointer
            let count = Int(sqlite_nio_sqlite3_column_count(pointer))
            columns = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(pointer, Int32($0))) }
            index = ColumnPositions(columns)
        }
    }

    /// Process-wide SQLite settings, made before the first connection opens (every connection of the process opens
    /// here); false if SQLite was already initialised. #17.4: the page cache behind a bound on its page numbers
    /// (`PageCacheKeyBound.c`), and the size past which a statement journal goes from memory to a file (the writer's
    /// `temp_store=FILE`, `SQLiteStore.writerPragmas`).
    static let configured = kefu_sqlite_install_page_cache() == SQLITE_OK
        && kefu_sqlite_set_statement_journal_spill(Int32(statementJournalSpillBytes)) == SQLITE_OK
    /// SQLite keeps a spilling journal in memory as one piece of this size, and copies it to the file in one write;
    /// its file layer writes at most 128 KiB at once and reports a larger write as a full disk, so the piece stays
    /// below that (with 1 MiB every job past it failed with SQLITE_FULL: `SQLiteWriterJournalTests`).
    static let statementJournalSpillBytes = 126 * 1024

    init(path: String, busyTimeoutMillis: Int32 = 10_000) throws {
        _ = Self.configured
        // #17.4: no mutex around each call (NOMUTEX): a connection has one caller at a time (see above), and with FULLMUTEX
        // every bind, step and column read locked and unlocked one: 5 % of a 50-row list's CPU.
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        var db: OpaquePointer?
        let rc = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            if let db { sqlite_nio_sqlite3_close(db) }
            throw DirectSQLiteError(code: rc, message: "cannot open SQLite database at \(path)")
        }
        sqlite_nio_sqlite3_busy_timeout(db, busyTimeoutMillis)
        handle = db
    }

    deinit { close() }

    func close() {
        for s in statements.values { sqlite_nio_sqlite3_finalize(s.pointer) }
        statements.removeAll()
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    private func error(_ rc: Int32) -> DirectSQLiteError {
        DirectSQLiteError(code: rc, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "closed")
    }

    private func prepare(_ sql: String) throws -> PreparedStatement {
        if let cached = statements[sql] { return cached }
        var stmt: OpaquePointer?
        let rc = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc) }
        if statements.count >= Self.maxCachedStatements {
            for s in statements.values { sqlite_nio_sqlite3_finalize(s.pointer) }
            statements.removeAll()
        }
        let prepared = PreparedStatement(pointer: stmt)
        statements[sql] = prepared
        return prepared
    }

    /// Runs one statement, handing each result row to `onRow`.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (DirectSQLiteRow) throws -> Void) throws {
        let prepared = try prepare(sql)
        let stmt = prepared.pointer
        var boundBytes = 0
        defer {
            if sqlite_nio_sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_REPREPARE, 1) > 0 { countReplan() }
            sqlite_nio_sqlite3_reset(stmt)
            // Clearing the binds marks a statement whose plan looks at a bound value (since SQLite 3.5x almost every
            // `column = ?`) as expired, so it would be parsed and planned again on its next run: 6 % of a ticket
            // create's CPU (#17.4). The next run binds every parameter anew, so only large values are let go of here.
            if boundBytes > Self.keptBindBytes { sqlite_nio_sqlite3_clear_bindings(stmt) }
        }
        // A parameter this run leaves unbound is NULL, never the value of the run before.
        if binds.count < Int(sqlite_nio_sqlite3_bind_parameter_count(stmt)) { sqlite_nio_sqlite3_clear_bindings(stmt) }
        for (offset, value) in binds.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .integer(let v): rc = sqlite_nio_sqlite3_bind_int64(stmt, i, Int64(v))
            case .float(let v): rc = sqlite_nio_sqlite3_bind_double(stmt, i, v)
            case .text(let v):
                boundBytes += v.utf8.count
                rc = sqlite_nio_sqlite3_bind_text64(stmt, i, v, UInt64(v.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let v):
                boundBytes += v.readableBytes
                rc = v.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(stmt, i, $0.baseAddress, UInt64($0.count), Self.transient) }
            case .null: rc = sqlite_nio_sqlite3_bind_null(stmt, i)
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
        while true {
            let rc = sqlite_nio_sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc) }
            var values: [SQLiteData] = []
            values.reserveCapacity(prepared.columns.count)
            for c in 0..<Int32(prepared.columns.count) {
                switch sqlite_nio_sqlite3_column_type(stmt, c) {
                case SQLITE_INTEGER: values.append(.integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(stmt, c))))
                case SQLITE_FLOAT: values.append(.float(sqlite_nio_sqlite3_column_double(stmt, c)))
                case SQLITE_TEXT: values.append(.text(String(cString: sqlite_nio_sqlite3_column_text(stmt, c))))
                case SQLITE_BLOB:
                    let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, c))
                    var buffer = ByteBuffer()
                    if let p = sqlite_nio_sqlite3_column_blob(stmt, c) { buffer.writeBytes(UnsafeRawBufferPointer(start: p, count: count)) }
                    values.append(.blob(buffer))
                default: values.append(.null)
                }
            }
            try onRow(DirectSQLiteRow(columns: prepared.columns, index: prepared.index, values: values))
        }
    }
}

struct DirectSQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}

struct DirectSQLiteRow: SQLRow {
    let columns: [String]
    let index: ColumnPositions
    let values: [SQLiteData]
    static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns }
    func contains(column: String) -> Bool { index.position(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let i = index.position(of: column) else { throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)")) }
        return values[i] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let i = index.position(of: column) else { throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column)")) }
        let value = values[i]
        // The column types Kefu reads, without the generic Decoder machinery (most of a list query's time). #17.4: the
        // value is handed back by `unsafeBitCast` once `D` is known to be its type (an `as! D` cast went through the
        // runtime's dynamic cast for every cell: 3.6 % of a 50-row list), and the optional types' metadata is looked
        // up once (`D.self == String?.self` asked the runtime's metadata cache at each comparison).
        let d = ObjectIdentifier(D.self)
        switch value {
        case .text(let s):
            if d == CellTypes.string { return unsafeBitCast(s, to: D.self) }
            if d == CellTypes.optionalString { return unsafeBitCast(Optional(s), to: D.self) }
        case .integer(let n):
            if d == CellTypes.int { return unsafeBitCast(Int(n), to: D.self) }
            if d == CellTypes.int64 { return unsafeBitCast(Int64(n), to: D.self) }
            if d == CellTypes.optionalInt { return unsafeBitCast(Optional(Int(n)), to: D.self) }
            if d == CellTypes.optionalInt64 { return unsafeBitCast(Optional(Int64(n)), to: D.self) }
        case .null:
            if d == CellTypes.optionalString { return unsafeBitCast(String?.none, to: D.self) }
            if d == CellTypes.optionalInt { return unsafeBitCast(Int?.none, to: D.self) }
            if d == CellTypes.optionalInt64 { return unsafeBitCast(Int64?.none, to: D.self) }
        default:
            break
        }
        return try Self.decoder.decode(D.self, from: value)
    }
}

/// The types `DirectSQLiteRow.decode` reads without a decoder, named once.
private enum CellTypes {
    static let string = ObjectIdentifier(String.self)
    static let optionalString = ObjectIdentifier(String?.self)
    static let int = ObjectIdentifier(Int.self)
    static let int64 = ObjectIdentifier(Int64.self)
    static let optionalInt = ObjectIdentifier(Int?.self)
    static let optionalInt64 = ObjectIdentifier(Int64?.self)
}

struct SQLiteColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// SQLKit's view of a direct connection: same dialect and value encoding as SQLiteKit.
struct DirectSQLiteDatabase: SQLDatabase {
    let connection: DirectSQLiteConnection
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var queryLogLevel: Logger.Level? { nil }
    static let encoder = SQLiteDataEncoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try runNow(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try runNow(query, onRow)
    }

    private func runNow(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, rawBinds) = serialize(query)
        let binds = try rawBinds.map { try Self.encoder.encode(NulFreeText.clean($0)) }
        try connection.run(sql, binds) { onRow($0) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

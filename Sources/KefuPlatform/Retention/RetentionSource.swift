import KefuDomain
import SQLKit

/// RET-01..RET-04: the port through which each feature answers for its own filed records; the composition root fills
/// the report with one source per feature, so no feature reads another's tables.
public protocol RetentionSource: Sendable {
    /// The kinds this source keeps, in the order the report shows them.
    var kinds: [RetainedKind] { get }
    /// How many records of `kind` closed (posted) before `before` (epoch milliseconds), and the oldest closing instant.
    func count(_ kind: RetainedKind, closedBefore before: Int64, in db: any SQLDatabase) async throws -> RetentionCount
    /// Those records, oldest first, one page of them.
    func records(_ kind: RetainedKind, closedBefore before: Int64, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord]
}

public struct RetentionCount: Sendable {
    public let count: Int
    public let oldestClosedAt: Int64?

    public init(count: Int, oldestClosedAt: Int64?) {
        self.count = count
        self.oldestClosedAt = oldestClosedAt
    }
}

/// One record past its period: its number as people know it, when it was closed, and where to open it.
public struct RetainedRecord: Sendable, Encodable {
    public let id: String
    public let number: String
    public let closedAt: String
    public let closedAtMillis: Int64
    public let href: String?

    public init(id: String, number: String, closedAtMillis: Int64, href: String?) {
        self.id = id
        self.number = number
        self.closedAt = Times.rfc3339(closedAtMillis)
        self.closedAtMillis = closedAtMillis
        self.href = href
    }

    enum CodingKeys: String, CodingKey { case id, number, closedAt, href }
}

/// The two reads every source makes on its own table: the feature names its table and columns, this writes the SQL.
public enum RetentionSQL {
    /// `table` holds the records; `closed` is the BIGINT column of the closing instant; `condition` narrows to the
    /// closed (posted) rows of the kind, e.g. `status = 'audited'`.
    public struct Table: Sendable {
        public let table: String
        public let closed: String
        public let number: String
        public let condition: String
        public let href: @Sendable (String) -> String?

        public init(table: String, closed: String, number: String = "number", condition: String = "1 = 1",
                    href: @escaping @Sendable (String) -> String?) {
            self.table = table
            self.closed = closed
            self.number = number
            self.condition = condition
            self.href = href
        }
    }

    public static func count(_ t: Table, before: Int64, in db: any SQLDatabase) async throws -> RetentionCount {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(\(unsafeRaw: t.closed)) AS oldest FROM \(unsafeRaw: t.table)
            WHERE \(unsafeRaw: t.closed) IS NOT NULL AND \(unsafeRaw: t.closed) < \(bind: before) AND (\(unsafeRaw: t.condition))
            """).first()
        return RetentionCount(count: try row?.decode(column: "n", as: Int.self) ?? 0, oldestClosedAt: try row?.decode(column: "oldest", as: Int64?.self))
    }

    public static func records(_ t: Table, before: Int64, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await db.raw("""
            SELECT id, \(unsafeRaw: t.number) AS number, \(unsafeRaw: t.closed) AS closed FROM \(unsafeRaw: t.table)
            WHERE \(unsafeRaw: t.closed) IS NOT NULL AND \(unsafeRaw: t.closed) < \(bind: before) AND (\(unsafeRaw: t.condition))
            ORDER BY \(unsafeRaw: t.closed), id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            return RetainedRecord(id: id, number: try row.decode(column: "number", as: String.self),
                                  closedAtMillis: try row.decode(column: "closed", as: Int64.self), href: t.href(id))
        }
    }
}

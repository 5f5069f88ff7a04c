import Foundation
import KefuDomain
import SQLKit

/// #17.6 RET-01..RET-04: the platform's own retention tables — the periods administrators configured upward
/// (`retention_periods`) and the legal holds on single records (`retention_holds`). Shipped with #17.6; never edited.
public enum RetentionMigrations {
    public static let platform005 = Migration(id: "platform-005-retention-periods-and-holds", common: [
        """
        CREATE TABLE retention_periods (
            kind TEXT PRIMARY KEY,
            years INTEGER NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE retention_holds (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            until_day TEXT,
            placed_by TEXT NOT NULL,
            placed_by_name TEXT NOT NULL,
            placed_at BIGINT NOT NULL,
            released_by TEXT,
            released_by_name TEXT,
            released_at BIGINT,
            release_reason TEXT
        )
        """,
        "CREATE INDEX retention_holds_record ON retention_holds (kind, record_id)",
        "CREATE INDEX retention_holds_open ON retention_holds (released_at, placed_at)",
    ])
}

/// #17.6: the configured periods and the legal holds, read and changed. Only a head-office administrator (the audience
/// of the retention report) changes them; every change is one transaction with its audit row.
public struct RetentionSettings: Sendable {
    let store: any Store
    let sources: [any RetentionSource]

    public init(store: any Store, sources: [any RetentionSource]) {
        self.store = store
        self.sources = sources
    }

    public var kinds: [RetainedKind] { sources.flatMap(\.kinds) }

    // MARK: periods

    /// One kind's period: the SPEC floor, what an administrator configured (nil: nothing), and the period in force.
    public struct Period: Sendable, Encodable {
        public let kind: String
        public let label: String
        public let floorYears: Int
        public let configuredYears: Int?
        public let effectiveYears: Int
        public let maximumYears: Int
    }

    /// The configured periods, as the domain's policy (read inside the caller's transaction).
    public static func policy(in db: any SQLDatabase) async throws -> RetentionPolicy {
        var configured: [RetainedKind: Int] = [:]
        for row in try await db.raw("SELECT kind, years FROM retention_periods").all() {
            if let kind = RetainedKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                configured[kind] = try row.decode(column: "years", as: Int.self)
            }
        }
        return RetentionPolicy(configured: configured)
    }

    static func periods(_ kinds: [RetainedKind], _ policy: RetentionPolicy, locale: AppLocale) -> [Period] {
        kinds.map { k in
            Period(kind: k.rawValue, label: RetentionLabels.kind(k)(locale), floorYears: RetentionPolicy.floor(k), configuredYears: policy.configured[k],
                   effectiveYears: policy.years(k), maximumYears: RetentionPolicy.maximumYears)
        }
    }

    public func periods(viewer: Principal, locale: AppLocale) async throws -> [Period] {
        try RetentionReport.requireHeadOfficeAdmin(viewer)
        let kinds = self.kinds
        return try await store.read { db in Self.periods(kinds, try await Self.policy(in: db), locale: locale) }
    }

    /// A kind named in a path: 404 when Kefu keeps no such kind.
    func pathKind(_ raw: String) throws -> RetainedKind {
        guard let kind = RetainedKind(rawValue: raw), kinds.contains(kind) else {
            throw AppError(.notFound, "not_found", Text("没有这种记录类别：{0}", "No such kind of record: {0}").with(raw))
        }
        return kind
    }

    /// PUT a kind's period: whole years from the floor up to `RetentionPolicy.maximumYears`; audited with old and new.
    public func setPeriod(kind raw: String, years: Int?, by actor: Principal, locale: AppLocale, now: Date = Date()) async throws -> Period {
        try RetentionReport.requireHeadOfficeAdmin(actor)
        let kind = try pathKind(raw)
        guard let years else {
            throw AppError(.unprocessableContent, "validation_failed", Text("请填写保存年数（整数）", "Enter the period in whole years"), details: ["field": "years"])
        }
        if let refusal = RetentionPolicy.validate(kind, years: years) {
            let label = RetentionLabels.kind(kind)
            switch refusal {
            case .belowFloor(let floor):
                throw AppError(.unprocessableContent, "retention_below_floor",
                               Text(label.zh + "的保存期不能少于 {0} 年（规定的最低保存期，RET-01..03）", label.en + " must be kept at least {0} years (the floor set by RET-01..03)")
                                .with(String(floor)), details: ["field": "years", "floor": String(floor)])
            case .aboveMaximum(let maximum):
                throw AppError(.unprocessableContent, "retention_above_maximum",
                               Text("保存期最多 {0} 年", "A period can be at most {0} years").with(String(maximum)), details: ["field": "years", "maximum": String(maximum)])
            }
        }
        let kinds = self.kinds
        let at = Int64(now.timeIntervalSince1970 * 1000)
        return try await store.write { db in
            let before = try await Self.policy(in: db)
            try await db.raw("""
                INSERT INTO retention_periods (kind, years, changed_by, changed_at) VALUES (\(bind: kind.rawValue), \(bind: years), \(bind: actor.userId), \(bind: at))
                ON CONFLICT (kind) DO UPDATE SET years = excluded.years, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "retention_period.set", entity: "retention_period", entityId: kind.rawValue,
                                        detail: ["from": String(before.years(kind)), "to": String(max(years, RetentionPolicy.floor(kind))),
                                                 "configuredBefore": before.configured[kind].map(String.init) ?? "", "floor": String(RetentionPolicy.floor(kind))],
                                        at: at)
            let after = try await Self.policy(in: db)
            return Self.periods(kinds, after, locale: locale).first { $0.kind == kind.rawValue }!
        }
    }

    // MARK: holds

    /// One legal hold, with the record it holds as people know it.
    public struct Hold: Sendable, Encodable {
        public let id: String
        public let kind: String
        public let kindLabel: String
        public let recordId: String
        public let recordNumber: String?
        public let href: String?
        public let reason: String
        public let until: String?
        public let active: Bool
        public let placedBy: String
        public let placedByName: String
        public let placedAt: String
        public let releasedBy: String?
        public let releasedByName: String?
        public let releasedAt: String?
        public let releaseReason: String?
        let placedAtMillis: Int64

        enum CodingKeys: String, CodingKey {
            case id, kind, kindLabel, recordId, recordNumber, href, reason, until, active, placedBy, placedByName, placedAt, releasedBy, releasedByName
            case releasedAt, releaseReason
        }
    }

    /// True when `kind`'s record `id` is under a hold active on `today`: what the delete routes (RET-04) and the archive
    /// job ask, inside their own transaction.
    public static func isHeld(_ db: any SQLDatabase, kind: RetainedKind, id: String, today: CivilDay) async throws -> Bool {
        try await db.raw("""
            SELECT COUNT(*) AS n FROM retention_holds WHERE kind = \(bind: kind.rawValue) AND record_id = \(bind: id) AND \(Self.activeHold(today: today))
            """).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }

    /// The condition of a hold active on `today` (LegalHoldRules.isActive, in SQL: ISO days compare as text).
    static func activeHold(today: CivilDay, alias: String = "") -> SQLQueryString {
        "\(unsafeRaw: alias)released_at IS NULL AND (\(unsafeRaw: alias)until_day IS NULL OR \(unsafeRaw: alias)until_day >= \(bind: today.iso))"
    }

    func source(_ kind: RetainedKind) -> (any RetentionSource)? { sources.first { $0.kinds.contains(kind) } }

    static func hold(_ row: any SQLRow, today: CivilDay, locale: AppLocale, record: RetainedRecordRef?) throws -> Hold {
        let kindRaw = try row.decode(column: "kind", as: String.self)
        let kind = RetainedKind(rawValue: kindRaw)
        let until = try row.decode(column: "until_day", as: String?.self)
        let releasedAt = try row.decode(column: "released_at", as: Int64?.self)
        let placedAt = try row.decode(column: "placed_at", as: Int64.self)
        return Hold(id: try row.decode(column: "id", as: String.self), kind: kindRaw, kindLabel: kind.map { RetentionLabels.kind($0)(locale) } ?? kindRaw,
                    recordId: try row.decode(column: "record_id", as: String.self), recordNumber: record?.number, href: record?.href,
                    reason: try row.decode(column: "reason", as: String.self), until: until,
                    active: LegalHoldRules.isActive(releasedAt: releasedAt, until: until.flatMap(CivilDay.init(iso:)), today: today),
                    placedBy: try row.decode(column: "placed_by", as: String.self), placedByName: try row.decode(column: "placed_by_name", as: String.self),
                    placedAt: Times.rfc3339(placedAt), releasedBy: try row.decode(column: "released_by", as: String?.self),
                    releasedByName: try row.decode(column: "released_by_name", as: String?.self), releasedAt: Times.rfc3339(releasedAt),
                    releaseReason: try row.decode(column: "release_reason", as: String?.self), placedAtMillis: placedAt)
    }

    /// The record a hold row names, through its kind's source.
    static func record(_ row: any SQLRow, sources: [any RetentionSource], in db: any SQLDatabase) async throws -> RetainedRecordRef? {
        guard let kind = RetainedKind(rawValue: try row.decode(column: "kind", as: String.self)),
              let source = sources.first(where: { $0.kinds.contains(kind) }) else { return nil }
        return try await source.record(kind, id: try row.decode(column: "record_id", as: String.self), lock: "", in: db)
    }

    func hold(_ db: any SQLDatabase, id: String, today: CivilDay, locale: AppLocale, lock: String = "") async throws -> Hold? {
        guard let row = try await db.raw("SELECT * FROM retention_holds WHERE id = \(bind: id)\(unsafeRaw: lock)").first() else { return nil }
        let record = try await Self.record(row, sources: sources, in: db)
        return try Self.hold(row, today: today, locale: locale, record: record)
    }

    /// The holds, newest first: the active ones only (`active`), or all of them.
    func holds(in db: any SQLDatabase, activeOnly: Bool, paging: Paging, today: CivilDay, locale: AppLocale) async throws -> ListPage<Hold> {
        let condition: SQLQueryString = activeOnly ? Self.activeHold(today: today) : "1 = 1"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM retention_holds WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT * FROM retention_holds WHERE \(condition) ORDER BY placed_at DESC, id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all()
        var items: [Hold] = []
        for row in rows {
            let record = try await Self.record(row, sources: sources, in: db)
            items.append(try Self.hold(row, today: today, locale: locale, record: record))
        }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    public func holds(activeOnly: Bool, paging: Paging, viewer: Principal, locale: AppLocale, now: Date = Date()) async throws -> ListPage<Hold> {
        try RetentionReport.requireHeadOfficeAdmin(viewer)
        let today = Times.day(now)
        return try await store.read { db in try await holds(in: db, activeOnly: activeOnly, paging: paging, today: today, locale: locale) }
    }

    static func refusal(_ r: LegalHoldRules.Refusal, release: Bool) -> AppError {
        switch r {
        case .reasonRequired:
            return AppError(.unprocessableContent, release ? "release_reason_required" : "hold_reason_required",
                            release ? Text("解除保全须填写原因", "A release needs a reason") : Text("保全须填写原因", "A hold needs a reason"),
                            details: ["field": "reason"])
        case .reasonTooLong:
            return AppError(.unprocessableContent, "validation_failed", Text("原因最多 {0} 个字", "The reason can be at most {0} characters")
                .with(String(LegalHoldRules.maximumReasonLength)), details: ["field": "reason"])
        case .untilInThePast:
            return AppError(.unprocessableContent, "hold_until_past", Text("保全截止日不能早于今天", "The last day of a hold cannot be before today"), details: ["field": "until"])
        case .alreadyReleased:
            return AppError.conflict("hold_released", Text("该保全已解除", "The hold is released already"))
        }
    }

    /// Puts a legal hold on one record: the kind (`unknown_kind` 422 if Kefu keeps none such), the record's id (404 if no
    /// record of that kind has it), a reason, optionally the hold's last day (ISO). Audited.
    public func place(kind raw: String?, recordId rawId: String?, reason: String?, until rawUntil: String?, by actor: Principal, locale: AppLocale,
                      now: Date = Date()) async throws -> Hold {
        try RetentionReport.requireHeadOfficeAdmin(actor)
        let trimmedKind = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard let kind = RetainedKind(rawValue: trimmedKind), kinds.contains(kind), let source = source(kind) else {
            throw AppError(.unprocessableContent, trimmedKind.isEmpty ? "validation_failed" : "unknown_kind",
                           Text("请选择记录类别", "Choose the kind of record"), details: ["field": "kind"])
        }
        let recordId = (rawId ?? "").trimmingCharacters(in: .whitespaces)
        guard !recordId.isEmpty else {
            throw AppError(.unprocessableContent, "validation_failed", Text("请填写记录编号", "Enter the record's id"), details: ["field": "recordId"])
        }
        let today = Times.day(now)
        let untilText = (rawUntil ?? "").trimmingCharacters(in: .whitespaces)
        let until: CivilDay? = untilText.isEmpty ? nil : CivilDay(iso: untilText)
        if !untilText.isEmpty && until == nil {
            throw AppError(.unprocessableContent, "validation_failed", Text("截止日须为 YYYY-MM-DD 格式的日期", "The last day must be a date (YYYY-MM-DD)"), details: ["field": "until"])
        }
        let reasonText = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let r = LegalHoldRules.validatePlace(reason: reasonText, until: until, today: today) { throw Self.refusal(r, release: false) }
        let at = Int64(now.timeIntervalSince1970 * 1000)
        let id = Clock.newID()
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            // The record is looked up by id, or by its number as people know it, and locked: an archive of it running now
            // either finishes first (the record is gone: 404) or waits and then sees the hold.
            guard let record = try await source.record(kind, id: recordId, lock: lock, in: db) else {
                throw AppError(.notFound, "not_found", Text(RetentionLabels.kind(kind).zh + "中没有编号为 {0} 的记录", RetentionLabels.kind(kind).en + ": no record has the id or number {0}").with(recordId),
                               details: ["field": "recordId"])
            }
            try await db.raw("""
                INSERT INTO retention_holds (id, kind, record_id, reason, until_day, placed_by, placed_by_name, placed_at)
                VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: record.id), \(bind: reasonText), \(bind: until?.iso), \(bind: actor.userId), \(bind: actor.displayName), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "retention_hold.place", entity: "retention_hold", entityId: id,
                                        detail: ["kind": kind.rawValue, "recordId": record.id, "number": record.number, "reason": reasonText, "until": until?.iso ?? ""], at: at)
            return try await hold(db, id: id, today: today, locale: locale)!
        }
    }

    /// Releases a hold with a reason (409 `hold_released` if it is released already). Audited.
    public func release(id: String, reason: String?, by actor: Principal, locale: AppLocale, now: Date = Date()) async throws -> Hold {
        try RetentionReport.requireHeadOfficeAdmin(actor)
        let today = Times.day(now)
        let at = Int64(now.timeIntervalSince1970 * 1000)
        let reasonText = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            guard let current = try await hold(db, id: id, today: today, locale: locale, lock: lock) else {
                throw AppError.notFound(Text("保全", "Legal hold"))
            }
            let releasedAt: Int64? = current.releasedAt == nil ? nil : 1
            if let r = LegalHoldRules.validateRelease(reason: reasonText, releasedAt: releasedAt) { throw Self.refusal(r, release: true) }
            try await db.raw("""
                UPDATE retention_holds SET released_by = \(bind: actor.userId), released_by_name = \(bind: actor.displayName), released_at = \(bind: at),
                release_reason = \(bind: reasonText) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "retention_hold.release", entity: "retention_hold", entityId: id,
                                        detail: ["kind": current.kind, "recordId": current.recordId, "reason": reasonText], at: at)
            return try await hold(db, id: id, today: today, locale: locale)!
        }
    }
}

import Foundation
import KefuDomain
import SQLKit

/// RET-01..RET-04: what may be archived — per kind of filed record, how many are past their retention period (closed
/// on or before the cut-off day), the oldest, and a page of them. One read transaction; the report itself deletes and
/// moves nothing (`kefu retention archive` archives the kinds whose source can, #17.6; the others are the operator's step).
public struct RetentionReport: Sendable {
    let store: any Store
    let sources: [any RetentionSource]

    public init(store: any Store, sources: [any RetentionSource]) {
        self.store = store
        self.sources = sources
    }

    /// Every kind in display order.
    public var kinds: [RetainedKind] { sources.flatMap(\.kinds) }

    public struct KindSummary: Sendable, Encodable {
        public let kind: String
        public let label: String
        /// #17.6: the effective period (the floor, or the longer one configured).
        public let years: Int
        /// #17.6: the SPEC floor of the kind.
        public let floorYears: Int
        /// #17.6: whether `kefu retention archive` archives the kind (else it is the operator's step outside Kefu).
        public let archivable: Bool
        /// The last closing day whose records may be archived today (Asia/Shanghai).
        public let cutoff: String
        public let count: Int
        public let oldestClosedAt: String?
        /// The oldest closing instant as the page shows it.
        public let oldestClosedAtMillis: Int64?

        enum CodingKeys: String, CodingKey { case kind, label, years, floorYears, archivable, cutoff, count, oldestClosedAt }
    }

    public struct Result: Sendable, Encodable {
        public let asOf: String
        public let items: [KindSummary]
        /// With `?kind=`: that kind's records past their period, oldest first.
        public let records: ListPage<RetainedRecord>?
        public let kind: String?
    }

    /// Only an administrator of the head office (the root unit) sees the whole organisation's filed records.
    public static func requireHeadOfficeAdmin(_ viewer: Principal) throws {
        guard viewer.isAdmin, viewer.coversWholeOrganisation else {
            throw AppError.forbidden(Text("只有总部管理员可以查看档案保存期报表", "Only a head-office administrator can see the retention report"))
        }
    }

    public func kind(_ raw: String?) throws -> RetainedKind? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let kind = RetainedKind(rawValue: raw), kinds.contains(kind) else {
            throw AppError.badRequest("unknown_kind", Text("未知的记录类别：{0}（可用：{1}）", "Unknown record kind {0} (known: {1})")
                .with(raw, kinds.map(\.rawValue).joined(separator: ", ")))
        }
        return kind
    }

    public func report(kind: RetainedKind?, paging: Paging, viewer: Principal, locale: AppLocale, now: Date = Date()) async throws -> Result {
        try Self.requireHeadOfficeAdmin(viewer)
        return try await run(kind: kind, paging: paging, locale: locale, now: now)
    }

    /// The operator's view (`kefu retention-report`): the same figures, without a signed-in user.
    public func operatorReport(locale: AppLocale, now: Date = Date()) async throws -> Result {
        try await run(kind: nil, paging: Paging(page: 1, per: 1), locale: locale, now: now)
    }

    func run(kind: RetainedKind?, paging: Paging, locale: AppLocale, now: Date) async throws -> Result {
        try await store.read { db in try await run(in: db, kind: kind, paging: paging, locale: locale, now: now) }
    }

    /// #17.6: the report inside the caller's read, with each kind's effective period (`RetentionPolicy`: the SPEC floor or
    /// the longer period an administrator configured) and without the records under an active legal hold.
    func run(in db: any SQLDatabase, kind: RetainedKind?, paging: Paging, locale: AppLocale, now: Date) async throws -> Result {
        let today = Times.day(now)
        let policy = try await RetentionSettings.policy(in: db)
        var items: [KindSummary] = []
        var records: ListPage<RetainedRecord>?
        for source in sources {
            for k in source.kinds {
                let cutoff = policy.cutoff(k, today: today)
                let window = RetentionWindow(kind: k, before: Self.startMillis(cutoff.adding(days: 1)), today: today)
                let c = try await source.count(window, in: db)
                items.append(KindSummary(kind: k.rawValue, label: RetentionLabels.kind(k)(locale), years: policy.years(k), floorYears: RetentionPolicy.floor(k),
                                         archivable: source.archiver(k) != nil,
                                         cutoff: cutoff.iso, count: c.count, oldestClosedAt: Times.rfc3339(c.oldestClosedAt),
                                         oldestClosedAtMillis: c.oldestClosedAt))
                if k == kind {
                    let rows = try await source.records(window, paging: paging, in: db)
                    records = ListPage(items: rows, page: paging.page, per: paging.per, total: c.count)
                }
            }
        }
        return Result(asOf: today.iso, items: items, records: records, kind: kind?.rawValue)
    }

    /// The summary as plain text, one kind a line (the CLI's output).
    public static func text(_ r: Result) -> String {
        var lines = ["Retention report as of \(r.asOf) (this report deletes nothing; `kefu retention archive` archives the kinds marked kefu, the others are the operator's step)",
                     "kind\tyears\tcutoff\tpast\toldest\tarchived by\tlabel"]
        for s in r.items {
            lines.append([s.kind, String(s.years), s.cutoff, String(s.count), s.oldestClosedAt ?? "-", s.archivable ? "kefu" : "operator", s.label].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    /// Midnight starting `day` in the organisation's zone, in epoch milliseconds.
    static func startMillis(_ day: CivilDay) -> Int64 {
        let utcMidnight = Int64(day.number) * 86_400_000
        let offset = Times.zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMidnight) / 1000))
        return utcMidnight - Int64(offset) * 1000
    }
}

public enum RetentionLabels {
    public static func kind(_ kind: RetainedKind) -> Text {
        switch kind {
        case .ticket: return Text("服务单", "Tickets")
        case .complaint: return Text("投诉", "Complaints")
        case .repairOrder: return Text("维修单", "Repair orders")
        case .returnRecord: return Text("退换货", "Returns")
        case .survey: return Text("满意度回访", "Satisfaction surveys")
        case .workOrder: return Text("工程维修单", "Work orders")
        case .stockDocument: return Text("已审核出入库单", "Audited stock documents")
        case .siteLedger: return Text("已记账工地流水账", "Posted site daily ledgers")
        case .materialRequest: return Text("已关闭请购单", "Closed material requests")
        case .propertyNotice: return Text("已交清物业费通知单（含交费记录）", "Settled property fee notices (with payments)") // #14 RET-03
        case .propertyPatrol: return Text("巡楼记录", "Building patrols") // #14 RET-03
        case .propertyVacantCheck: return Text("空置房检查记录", "Vacant-unit checks") // #14 RET-03
        case .propertyProposal: return Text("已答复业主建议", "Answered owner proposals") // #14 RET-03
        case .propertyWorkPlan: return Text("已批准物业工作计划", "Approved property work plans") // #14 RET-03
        case .propertyVisit: return Text("走访住户记录（跟进已结）", "Visits to residents (nothing left to follow up)") // #14 SAT-10
        case .propertyForum: return Text("已结束的业主座谈会", "Owner forums closed or cancelled") // #14 SAT-10
        case .propertyEvent: return Text("已关闭的突发事件", "Closed emergencies") // #14 ESC-03
        }
    }
}

/// #17.6: the retention page's model — the report, each kind's period and the active legal holds — built by one read.
public struct RetentionPageModel: Sendable {
    public let report: RetentionReport.Result
    public let periods: [RetentionSettings.Period]
    public let holds: ListPage<RetentionSettings.Hold>
}

extension RetentionReport {
    public func pageModel(kind: RetainedKind?, paging: Paging, settings: RetentionSettings, viewer: Principal, locale: AppLocale,
                          now: Date = Date()) async throws -> RetentionPageModel {
        try Self.requireHeadOfficeAdmin(viewer)
        let kinds = self.kinds
        return try await store.read { db in
            let result = try await run(in: db, kind: kind, paging: paging, locale: locale, now: now)
            let periods = RetentionSettings.periods(kinds, try await RetentionSettings.policy(in: db), locale: locale)
            let holds = try await settings.holds(in: db, activeOnly: true, paging: Paging(page: 1, per: 100), today: Times.day(now), locale: locale)
            return RetentionPageModel(report: result, periods: periods, holds: holds)
        }
    }
}

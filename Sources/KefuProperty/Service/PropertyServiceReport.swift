import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #14 PRP-09, RPT-10: what the service centre's report needs of other features (complaints, tickets), read through
/// their query functions inside this report's read; the composition root passes the source.
public struct PropertyServiceFigures: Sendable, Equatable {
    public var complaintsReceived: Int
    public var complaintsHandled: Int
    public var complaintsReturnVisited: Int
    public var ticketsReceived: Int

    public init(complaintsReceived: Int = 0, complaintsHandled: Int = 0, complaintsReturnVisited: Int = 0, ticketsReceived: Int = 0) {
        self.complaintsReceived = complaintsReceived
        self.complaintsHandled = complaintsHandled
        self.complaintsReturnVisited = complaintsReturnVisited
        self.ticketsReceived = ticketsReceived
    }
}

public protocol PropertyServiceFiguresSource: Sendable {
    /// Registered in `scopePath` and below from `from` up to (not including) `to` (UTC millis).
    func figures(_ db: any SQLDatabase, scopePath: String, from: Int64, to: Int64) async throws -> PropertyServiceFigures
}

/// For a service built without the service desk (tools, tests of one feature): nothing counted.
public struct NoPropertyServiceFigures: PropertyServiceFiguresSource {
    public init() {}
    public func figures(_ db: any SQLDatabase, scopePath: String, from: Int64, to: Int64) async throws -> PropertyServiceFigures { PropertyServiceFigures() }
}

/// PRP-09 the month-end statistics (a month) or the annual report (a year) of an estate's service centre.
public struct PropertyServiceReportView: Encodable, Sendable {
    /// A rate whose target is 100 % (CMP-15).
    public struct Target: Encodable, Sendable {
        public let part: Int
        public let whole: Int
        public let rate: String
        public let target: String
        public let met: Bool

        init(_ r: FullTargetRate) {
            part = r.part; whole = r.whole; rate = r.text; target = "100%"; met = r.met
        }
    }

    public let estateId: String
    public let estateName: String
    /// "2026-11" (monthly) or "2026" (annual).
    public let period: String
    public let from: String
    public let to: String
    /// PRP-02 over whole notices billed in the period.
    public let billed: String
    public let paid: String
    public let collectionRate: String
    public let notices: Int64
    public let paidNotices: Int64
    public let complaintsReceived: Int
    /// Handled (closed) / received.
    public let handlingRate: Target
    /// Return-visited / handled.
    public let returnVisitRate: Target
    public let ticketsReceived: Int
    /// SAT-10 the supervisor's visits to residents in the period, and the owner forums held (held or closed since).
    public let visits: Int
    public let forumsHeld: Int
}

enum PropertyServiceReportQueries {
    /// The start of a month in the organisation's zone, UTC millis.
    static func start(_ m: BillingMonth) -> Int64 {
        Clock.millis(Times.calendar().date(from: DateComponents(year: m.year, month: m.month, day: 1))!)
    }

    static func report(_ db: any SQLDatabase, estateId: String, period: ServiceReportPeriod, viewer: Principal,
                       figures source: any PropertyServiceFiguresSource) async throws -> PropertyServiceReportView {
        let (name, path) = try await PropertyQueries.estate(db, id: estateId, viewer: viewer)
        let (first, last) = period.months
        let grouping: CollectionPeriod = if case .year = period { .year } else { .month }
        let collection = try await PropertyQueries.collection(db, estateId: estateId, period: grouping, from: first, to: last, viewer: viewer)
        let whole = collection.rows.first { $0.fee.isEmpty && $0.period == period.key }
        let f = try await source.figures(db, scopePath: path, from: start(first), to: start(last.adding(months: 1)))
        let seen = try await PropertyVisitQueries.counts(db, estateId: estateId, from: CivilDay(year: first.year, month: first.month, day: 1),
                                                         to: CivilDay(year: last.year, month: last.month, day: CivilDay.daysIn(year: last.year, month: last.month)))
        return PropertyServiceReportView(
            estateId: estateId, estateName: name, period: period.key, from: first.iso, to: last.iso,
            billed: whole?.billed ?? Yuan.text(0), paid: whole?.paid ?? Yuan.text(0), collectionRate: whole?.rate ?? "—",
            notices: whole?.items ?? 0, paidNotices: whole?.paidItems ?? 0, complaintsReceived: f.complaintsReceived,
            handlingRate: .init(FullTargetRate(part: f.complaintsHandled, whole: f.complaintsReceived)),
            returnVisitRate: .init(FullTargetRate(part: f.complaintsReturnVisited, whole: f.complaintsHandled)),
            ticketsReceived: f.ticketsReceived, visits: seen.visits, forumsHeld: seen.forums)
    }
}

/// The report page's model: the estates to choose from and the chosen one's report, in one read.
public struct PropertyServiceReportPageModel: Sendable {
    public let estates: [(id: String, name: String)]
    public let report: PropertyServiceReportView?
    public let period: String
}

/// PRP-09, RPT-10: reads only; the supervisors, managers and the property CS admin of the estate's unit and above.
public struct PropertyServiceReports: Sendable {
    let store: any Store
    let figures: any PropertyServiceFiguresSource

    public init(store: any Store, figures: any PropertyServiceFiguresSource = NoPropertyServiceFigures()) {
        self.store = store
        self.figures = figures
    }

    /// `period`: "YYYY-MM" (month-end statistics) or "YYYY" (annual); default this month.
    static func period(_ raw: String?, now: Date) throws -> ServiceReportPeriod {
        guard let typed = TextRules.trimmed(raw) else { return .month(PropertyNow.month(now)) }
        guard let p = ServiceReportPeriod(typed) else {
            throw AppError.validation("period", Text("统计期间须为月份（如 2026-11）或年份（如 2026）", "The period is a month (e.g. 2026-11) or a year (e.g. 2026)"))
        }
        return p
    }

    public func report(estateId: String, period raw: String?, viewer: Principal, now: Date = Date()) async throws -> PropertyServiceReportView {
        try PropertyQueries.requireReader(viewer)
        let period = try Self.period(raw, now: now)
        let figures = self.figures
        return try await store.read { db in
            try await PropertyServiceReportQueries.report(db, estateId: estateId, period: period, viewer: viewer, figures: figures)
        }
    }

    public func page(estateId: String?, period raw: String?, viewer: Principal, now: Date = Date()) async throws -> PropertyServiceReportPageModel {
        try PropertyQueries.requireReader(viewer)
        let period = try Self.period(raw, now: now)
        let figures = self.figures
        return try await store.read { db in
            let estates = try await PropertyQueries.estates(db, viewer: viewer).map { (id: $0.id, name: $0.name) }
            let chosen = TextRules.trimmed(estateId) ?? estates.first?.id
            var report: PropertyServiceReportView?
            if let chosen { report = try await PropertyServiceReportQueries.report(db, estateId: chosen, period: period, viewer: viewer, figures: figures) }
            return PropertyServiceReportPageModel(estates: estates, report: report, period: period.key)
        }
    }
}

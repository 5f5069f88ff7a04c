import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// An SLA policy as stored (API.md "SLA policies").
public struct SlaPolicy: Sendable {
    public let id: String
    public let name: String
    public let match: SlaMatch
    public let targets: SlaTargets
    public let active: Bool
    public let createdAt: Int64
    public let updatedAt: Int64

    static let columns = """
        id, name, match_type, match_priority, match_channel, calendar, first_response_minutes, resolution_minutes,
        escalate_after_minutes, active, created_at, updated_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        match = SlaMatch(type: try row.decode(column: "match_type", as: String?.self).flatMap(TicketType.init(rawValue:)),
                         priority: try row.decode(column: "match_priority", as: String?.self).flatMap(TicketPriority.init(rawValue:)),
                         channel: try row.decode(column: "match_channel", as: String?.self).flatMap(TicketChannel.init(rawValue:)))
        targets = SlaTargets(calendar: ClockCalendar(rawValue: try row.decode(column: "calendar", as: String.self)) ?? .businessHours,
                             firstResponseMinutes: try row.decode(column: "first_response_minutes", as: Int.self),
                             resolutionMinutes: try row.decode(column: "resolution_minutes", as: Int.self),
                             escalateAfterMinutes: try row.decode(column: "escalate_after_minutes", as: Int.self))
        active = try row.decode(column: "active", as: Int.self) != 0
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
    }
}

/// The calendar and the policies every clock runs on, read from the database and kept for a few seconds, so that
/// logging a ticket costs no extra queries. An edit on this node takes effect at once (`invalidate`); other nodes
/// sharing a PostgreSQL database see it within `maxAge`.
public final class SlaSettings: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public let calendar: WorkCalendar
        public let policies: [SlaPolicy]
        /// Years an administrator entered or changed (the others are the shipped schedule or plain weeks).
        public let editedYears: [Int: Int64]

        /// API.md: the most specific active policy; with none, the seed's standards.
        public func policy(type: TicketType, priority: TicketPriority, channel: TicketChannel) -> (policy: SlaPolicy?, targets: SlaTargets) {
            let chosen = SlaPolicySelection.choose(
                policies.map { SlaPolicyCandidate(id: $0.id, match: $0.match, active: $0.active, createdAt: $0.createdAt) },
                type: type, priority: priority, channel: channel)
            let policy = chosen.flatMap { c in policies.first { $0.id == c.id } }
            return (policy, policy?.targets ?? .seed)
        }
    }

    static let maxAge: TimeInterval = 15
    static let businessHoursKey = "business_hours"

    let store: any Store
    private let lock = NSLock()
    private var cached: (snapshot: Snapshot, loadedAt: Date)?

    public init(store: any Store) { self.store = store }

    public func current(now: Date = Date()) async throws -> Snapshot {
        if let hit = lock.withLock({ cached }), now.timeIntervalSince(hit.loadedAt) < Self.maxAge, hit.loadedAt <= now {
            return hit.snapshot
        }
        let snapshot = try await store.read { db in try await Self.load(db) }
        lock.withLock { cached = (snapshot, now) }
        return snapshot
    }

    public func invalidate() { lock.withLock { cached = nil } }

    static func load(_ db: any SQLDatabase) async throws -> Snapshot {
        var schedule = HolidaySchedule(years: ShippedHolidays.years)
        var edited: [Int: Int64] = [:]
        for row in try await db.raw("SELECT year, data, updated_at FROM calendar_years").all() {
            let year = try row.decode(column: "year", as: Int.self)
            if let data = try? JSONDecoder().decode(HolidayYear.self, from: Data(try row.decode(column: "data", as: String.self).utf8)) {
                schedule.set(year, data)
                edited[year] = try row.decode(column: "updated_at", as: Int64.self)
            }
        }
        let hours = try await businessHours(db)
        let policies = try await db.raw("SELECT \(unsafeRaw: SlaPolicy.columns) FROM sla_policies WHERE deleted_at IS NULL ORDER BY created_at, id")
            .all().map { try SlaPolicy(row: $0) }
        let calendar = WorkCalendar(schedule: schedule, hours: hours, utcOffsetSeconds: Times.zone.secondsFromGMT())
        return Snapshot(calendar: calendar, policies: policies, editedYears: edited)
    }

    static func businessHours(_ db: any SQLDatabase) async throws -> BusinessHours {
        guard let raw = try await db.raw("SELECT value FROM settings WHERE key = \(bind: businessHoursKey)").first()?
            .decode(column: "value", as: String.self),
            let stored = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)),
            let hours = BusinessHours(start: stored["start"] ?? "", end: stored["end"] ?? "", breakStart: stored["breakStart"], breakEnd: stored["breakEnd"])
        else { return .standard }
        return hours
    }
}

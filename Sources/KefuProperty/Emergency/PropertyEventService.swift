import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// ESC-03 events at an estate (篇12 职责一.4, .6): an important event is reported to the management-office director (the
/// CS managers of the estate's unit, or of the nearest unit above that has one, are told through the notifier, and the
/// event is marked 已上报 with whom and when); an emergency is assigned to the CS supervisor of that unit (or the nearest
/// above) for follow-up notes, then closed with a result. Each change: permission and scope, validation, one
/// transaction, an audit-trail entry.
public struct PropertyEventService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier
    /// #14 item 6: no new event where the property feature is off at the estate's unit.
    let features: any FeatureGate

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.notifier = notifier
        self.features = features
    }

    static let entity = "property_event"

    static func requireReader(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: PropertyRules.readers) else {
            throw AppError.forbidden(Text("您不能查看物业事件", "You cannot see the estate events"))
        }
    }

    /// The active holders of `role` in the unit at `path`, or in the nearest unit above it that has some.
    static func nearestHolders(_ db: any SQLDatabase, of role: Role, path: String) async throws -> [String] {
        let units = OrgPath.ids(path)
        let members = try await OrgQueries.activeMembers(db, ofUnits: units)
        for depth in stride(from: units.count, through: 1, by: -1) {
            let unit = units[depth - 1]
            let ids = members.filter { $0.orgUnitId == unit && $0.roles.contains(role) }.map(\.id).sorted()
            if !ids.isEmpty { return ids }
        }
        return []
    }

    public func record(estateId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyEventView {
        guard !actor.roles.isDisjoint(with: PropertyEventRules.recorders) else {
            throw AppError.forbidden(Text("您不能登记物业事件", "You cannot record estate events"))
        }
        let e = try PropertyEventInput.event(b, today: Times.day(date))
        let at = Clock.millis(date)
        return try await store.write { db in
            let (estateName, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, write: false, features: self.features)
            let id = Clock.newID()
            let number = PropertyEventNumber.make(year: e.occurredOn.year, sequence: try await Counters.next("property:SJ:\(e.occurredOn.year)", in: db))
            let status = PropertyEventRules.initialStatus(e.kind)
            // ESC-03: important → the office director's side (CS manager); emergency → the CS supervisor.
            let holders = try await Self.nearestHolders(db, of: e.kind == .important ? .csManager : .csSupervisor, path: path)
            let names = try await OrgQueries.displayNames(db, ids: Set(holders))
            let reportedTo = e.kind == .important && !holders.isEmpty ? holders.map { names[$0] ?? $0 }.joined(separator: "、") : nil
            let assignee = e.kind == .emergency ? holders.first : nil
            try await db.raw("""
                INSERT INTO property_events (id, number, estate_id, org_path, kind, severity, title, location, occurred_on, occurred_time, description, status,
                    assignee_id, reported_to, reported_at, follow_ups, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: path), \(bind: e.kind.rawValue), \(bind: e.severity.rawValue), \(bind: e.title),
                    \(bind: e.location), \(bind: e.occurredOn.iso), \(bind: e.occurredTime), \(bind: e.description), \(bind: status.rawValue), \(bind: assignee),
                    \(bind: reportedTo), \(bind: e.kind == .important ? at : nil), 0, \(bind: at), \(bind: actor.userId))
                """).run()
            if !holders.isEmpty {
                let important = e.kind == .important
                try await notifier.handOff(db, HandOff(
                    kind: important ? "property_event_reported" : "property_emergency_assigned",
                    recipients: .init(userIds: important ? holders : [holders[0]]),
                    title: important ? Text("重要事件上报：{0}", "Important event reported: {0}").with(number)
                                     : Text("突发事件待跟进：{0}", "Emergency to follow up: {0}").with(number),
                    body: Text("{0} {1}：{2}（ESC-03）", "{0} {1}: {2} (ESC-03)").with(estateName, e.location, e.title),
                    link: "\(PropertyPaths.root)/events/\(id)", actorId: actor.userId), at: at)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id,
                                        detail: ["number": number, "kind": e.kind.rawValue, "severity": e.severity.rawValue,
                                                 "notified": String(e.kind == .important ? holders.count : min(holders.count, 1))], at: at)
            return try await PropertyEventQueries.event(db, id: id, viewer: actor, now: at)
        }
    }

    /// The event for a step by a handler of its unit (or above), refused 409 invalid_transition when the step is not open.
    static func forStep(_ db: any SQLDatabase, id: String, _ action: PropertyEventAction, actor: Principal, at: Int64) async throws -> (PropertyEventView, PropertyEventStatus) {
        guard !actor.roles.isDisjoint(with: PropertyEventRules.handlers) else {
            throw AppError.forbidden(Text("只有客服主管或客服经理可以跟进和关闭事件", "Only the CS supervisor or manager follows up and closes events"))
        }
        let v = try await PropertyEventQueries.event(db, id: id, viewer: actor, now: at)
        guard PropertyEventRules.may(roles: actor.roles, userPath: actor.orgPath, recordPath: v.orgPath) else {
            throw AppError.forbidden(Text("您只能处理本单位及下级单位的事件", "You handle the events of your unit and below only"))
        }
        guard let next = PropertyEventRules.next(v.status, action) else {
            let why: Text = v.status == .closed ? Text("该事件已关闭", "The event is closed")
                : Text("突发事件须先登记跟进情况才能关闭", "An emergency is followed up before it is closed")
            throw AppError.conflict("invalid_transition", why)
        }
        return (v, next)
    }

    public func followUp(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyEventView {
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("跟进情况", "Follow-up"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let (v, next) = try await Self.forStep(db, id: id, .followUp, actor: actor, at: at)
            guard try await db.raw("""
                UPDATE property_events SET status = \(bind: next.rawValue), follow_ups = follow_ups + 1,
                    first_follow_up_at = COALESCE(first_follow_up_at, \(bind: at))
                WHERE id = \(bind: id) AND status = \(bind: v.status.rawValue) AND follow_ups = \(bind: v.followUps) RETURNING id
                """).first() != nil else {
                throw AppError.conflict("invalid_transition", Text("该事件刚刚已更新，请刷新", "The event changed a moment ago; reload it"))
            }
            try await db.raw("""
                INSERT INTO property_event_notes (event_id, seq, note, noted_at, noted_by)
                VALUES (\(bind: id), \(bind: v.followUps + 1), \(bind: note), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "follow_up", entity: Self.entity, entityId: id, detail: ["number": v.number], at: at)
            return try await PropertyEventQueries.event(db, id: id, viewer: actor, now: at)
        }
    }

    public func close(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyEventView {
        let result = try PropertyInput.text(b["result"], field: "result", label: Text("处理结果", "Result"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let (v, next) = try await Self.forStep(db, id: id, .close, actor: actor, at: at)
            guard try await db.raw("""
                UPDATE property_events SET status = \(bind: next.rawValue), result = \(bind: result), closed_at = \(bind: at), closed_by = \(bind: actor.userId)
                WHERE id = \(bind: id) AND status = \(bind: v.status.rawValue) RETURNING id
                """).first() != nil else {
                throw AppError.conflict("invalid_transition", Text("该事件刚刚已更新，请刷新", "The event changed a moment ago; reload it"))
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "close", entity: Self.entity, entityId: id, detail: ["number": v.number], at: at)
            return try await PropertyEventQueries.event(db, id: id, viewer: actor, now: at)
        }
    }

    public func events(_ query: [String: String], paging: Paging, viewer: Principal, now date: Date = Date()) async throws -> ListPage<PropertyEventView> {
        try Self.requireReader(viewer)
        let f = try PropertyEventQueries.Filter.parse(query)
        return try await store.read { db in try await PropertyEventQueries.events(db, f, paging: paging, viewer: viewer, now: Clock.millis(date)) }
    }

    public func event(id: String, viewer: Principal, now date: Date = Date()) async throws -> PropertyEventView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await PropertyEventQueries.event(db, id: id, viewer: viewer, now: Clock.millis(date)) }
    }

    public func eventsPage(_ query: [String: String], paging: Paging, viewer: Principal, now date: Date = Date()) async throws -> PropertyEventsPageModel {
        try Self.requireReader(viewer)
        let f = try PropertyEventQueries.Filter.parse(query)
        return try await store.read { db in
            PropertyEventsPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                                    events: try await PropertyEventQueries.events(db, f, paging: paging, viewer: viewer, now: Clock.millis(date)),
                                    mayRecord: true)
        }
    }
}

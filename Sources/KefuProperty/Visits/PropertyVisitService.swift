import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// SAT-10 "the supervisor periodically visits residents for opinions and holds owner forums" [篇12 职责二.5–6]: visits
/// (走访, ZF-…) with what was heard and a follow-up owned by someone until closed, the quarter's visit plan per building,
/// and owner forums (业主座谈会, ZT-…) planned, held with minutes, their resolutions closed one by one, then closed
/// or cancelled. Each change: permission and scope, validation, one transaction, an audit-trail entry.
public struct PropertyVisitService: Sendable {
    let store: any Store
    /// #14 item 6: no new visit or forum where the property feature is off at the estate's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    static func requireReader(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: PropertyRules.readers) else {
            throw AppError.forbidden(Text("您不能查看走访与座谈会", "You cannot see the visits and owner forums"))
        }
    }

    // MARK: visits

    public func recordVisit(estateId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyVisitView {
        guard !actor.roles.isDisjoint(with: PropertyVisitRules.visitors) else {
            throw AppError.forbidden(Text("只有客服主管可以登记走访", "Only the CS supervisor records visits to residents"))
        }
        let v = try PropertyVisitInput.visit(b, today: Times.day(date), actorName: actor.displayName)
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, write: false, features: self.features)
            guard PropertyVisitRules.may(PropertyVisitRules.visitors, roles: actor.roles, userPath: actor.orgPath, recordPath: path) else {
                throw AppError.forbidden(Text("您只能走访本单位及下级单位的小区", "You visit the estates of your unit and below only"))
            }
            var unitId: String?
            if let room = v.room {
                guard let u = try await OperationsQueries.unit(db, estateId: estateId, building: v.building, room: room) else {
                    throw AppError.validation("room", Text("本小区没有房屋 \(v.building) \(room)", "The estate has no unit \(v.building) \(room)"))
                }
                unitId = u.id
            }
            let id = Clock.newID()
            let number = try await PropertyOperationsService.nextNumber(db, "ZF", day: v.visitedOn)
            let status = PropertyVisitRules.initialFollowUp(needed: v.followUp != nil)
            try await db.raw("""
                INSERT INTO property_visits (id, number, estate_id, org_path, unit_id, building, room, resident_name, visited_on, visited_time, opinions,
                    satisfaction, follow_up_status, follow_up, follow_up_owner, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: path), \(bind: unitId), \(bind: v.building), \(bind: v.room),
                    \(bind: v.residentName), \(bind: v.visitedOn.iso), \(bind: v.visitedTime), \(bind: v.opinions), \(bind: v.satisfaction),
                    \(bind: status.rawValue), \(bind: v.followUp), \(bind: v.followUpOwner), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_visit", entityId: id,
                                        detail: ["number": number, "building": v.building, "followUp": status.rawValue], at: at)
            return try await PropertyVisitQueries.visit(db, id: id, viewer: actor)
        }
    }

    /// SAT-10 an open follow-up closed with what was done.
    public func closeFollowUp(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyVisitView {
        guard !actor.roles.isDisjoint(with: PropertyVisitRules.followUpClosers) else {
            throw AppError.forbidden(Text("您不能关闭走访的跟进事项", "You cannot close visit follow-ups"))
        }
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("处理情况", "What was done"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await PropertyVisitQueries.visit(db, id: id, viewer: actor)
            guard PropertyVisitRules.may(PropertyVisitRules.followUpClosers, roles: actor.roles, userPath: actor.orgPath, recordPath: v.orgPath) else {
                throw AppError.forbidden(Text("您只能处理本单位及下级单位的走访", "You handle the visits of your unit and below only"))
            }
            guard PropertyVisitRules.mayCloseFollowUp(v.followUpStatus), try await db.raw("""
                UPDATE property_visits SET follow_up_status = \(bind: VisitFollowUpStatus.closed.rawValue), follow_up_note = \(bind: note),
                    follow_up_closed_at = \(bind: at), follow_up_closed_by = \(bind: actor.userId)
                WHERE id = \(bind: id) AND follow_up_status = \(bind: VisitFollowUpStatus.open.rawValue) RETURNING id
                """).first() != nil else {
                throw AppError.conflict("invalid_transition", v.followUpStatus == .none ? Text("该走访没有需跟进的事项", "The visit has nothing to follow up")
                                                                                          : Text("该跟进事项已关闭", "The follow-up is already closed"))
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "close_follow_up", entity: "property_visit", entityId: id,
                                        detail: ["number": v.number], at: at)
            return try await PropertyVisitQueries.visit(db, id: id, viewer: actor)
        }
    }

    public func visits(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<PropertyVisitView> {
        try Self.requireReader(viewer)
        let f = try PropertyVisitQueries.VisitFilter.parse(query)
        return try await store.read { db in try await PropertyVisitQueries.visits(db, f, paging: paging, viewer: viewer) }
    }

    public func visit(id: String, viewer: Principal) async throws -> PropertyVisitView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await PropertyVisitQueries.visit(db, id: id, viewer: viewer) }
    }

    static func quarter(_ raw: String?, now: Date) throws -> VisitQuarter {
        guard let t = TextRules.trimmed(raw) else { return VisitQuarter(Times.day(now)) }
        guard let q = VisitQuarter(t) else { throw AppError.validation("quarter", Text("季度格式为 2026-Q4", "The quarter must look like 2026-Q4")) }
        return q
    }

    /// SAT-10 the estate's buildings not visited in the quarter (this one by default).
    public func visitsDue(estateId: String, quarter raw: String?, viewer: Principal, now: Date = Date()) async throws -> VisitsDueView {
        try Self.requireReader(viewer)
        let quarter = try Self.quarter(raw, now: now)
        return try await store.read { db in try await PropertyVisitQueries.due(db, estateId: estateId, quarter: quarter, viewer: viewer) }
    }

    public func visitsPage(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> PropertyVisitsPageModel {
        try Self.requireReader(viewer)
        let f = try PropertyVisitQueries.VisitFilter.parse(query)
        let quarter = try Self.quarter(query["quarter"], now: now)
        return try await store.read { db in
            let estates = try await PropertyQueries.estates(db, viewer: viewer)
            let chosen = f.estateId ?? (estates.count == 1 ? estates.first?.id : nil)
            var due: VisitsDueView?
            if let chosen { due = try await PropertyVisitQueries.due(db, estateId: chosen, quarter: quarter, viewer: viewer) }
            return PropertyVisitsPageModel(
                estates: estates, visits: try await PropertyVisitQueries.visits(db, f, paging: paging, viewer: viewer), due: due,
                mayRecord: !viewer.roles.isDisjoint(with: PropertyVisitRules.visitors))
        }
    }
}

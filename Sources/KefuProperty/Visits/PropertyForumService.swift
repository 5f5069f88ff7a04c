import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// SAT-10 owner forums (业主座谈会, 篇12 职责二.6): planned by the supervisor, held with attendees and minutes, the
/// resolutions taken there each owned and due, closed one by one; the forum closes once none is open, or is cancelled
/// with a reason before it is held. The state machine is `PropertyForumRules`.
extension PropertyVisitService {
    static let forumEntity = "property_forum"

    public func planForum(estateId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        guard !actor.roles.isDisjoint(with: PropertyForumRules.hosts) else {
            throw AppError.forbidden(Text("只有客服主管可以安排业主座谈会", "Only the CS supervisor plans owner forums"))
        }
        let f = try PropertyVisitInput.forum(b, actorName: actor.displayName)
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, write: false, features: self.features)
            guard PropertyVisitRules.may(PropertyForumRules.hosts, roles: actor.roles, userPath: actor.orgPath, recordPath: path) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位的小区安排座谈会", "You plan forums for the estates of your unit and below only"))
            }
            let id = Clock.newID()
            let number = try await PropertyOperationsService.nextNumber(db, "ZT", day: f.heldOn)
            try await db.raw("""
                INSERT INTO property_forums (id, number, estate_id, org_path, status, held_on, held_time, place, topic, host, resolutions, resolutions_open,
                    changed_at, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: path), \(bind: ForumStatus.planned.rawValue), \(bind: f.heldOn.iso),
                    \(bind: f.heldTime), \(bind: f.place), \(bind: f.topic), \(bind: f.host), 0, 0, \(bind: at), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.forumEntity, entityId: id,
                                        detail: ["number": number, "heldOn": f.heldOn.iso], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    /// The forum for a step by someone allowed in its unit (or above); the refusal of the state machine as 409/422.
    static func forStep(_ db: any SQLDatabase, id: String, _ action: ForumAction, actor: Principal, minutes: String? = nil,
                        reason: String? = nil, today: CivilDay? = nil) async throws -> PropertyForumView {
        let allowed = action == .closeResolution ? PropertyForumRules.resolutionClosers : PropertyForumRules.hosts
        guard !actor.roles.isDisjoint(with: allowed) else {
            throw AppError.forbidden(action == .closeResolution ? Text("您不能关闭座谈会决议", "You cannot close forum resolutions")
                                                                : Text("只有客服主管可以办理业主座谈会", "Only the CS supervisor runs owner forums"))
        }
        let v = try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        guard PropertyVisitRules.may(allowed, roles: actor.roles, userPath: actor.orgPath, recordPath: v.orgPath) else {
            throw AppError.forbidden(Text("您只能办理本单位及下级单位的座谈会", "You run the forums of your unit and below only"))
        }
        switch PropertyForumRules.refusal(v.status, action, minutes: minutes, reason: reason, openResolutions: v.openResolutions,
                                          heldOn: CivilDay(iso: v.heldOn), today: today) {
        case nil: return v
        case .invalidTransition?:
            throw AppError.conflict("invalid_transition", Text("座谈会\(PropertyVisitInput.statusLabel(v.status).zh)，不能办理该步骤",
                                                               "The forum is \(PropertyVisitInput.statusLabel(v.status).en.lowercased()); that step is not open"))
        case .minutesRequired?: throw AppError.validation("minutes", Text("召开座谈会须填写会议纪要", "A held forum needs its minutes"))
        case .reasonRequired?: throw AppError.validation("reason", Text("取消座谈会须写明原因", "Give the reason for cancelling"))
        case .resolutionsOpen?:
            throw AppError.conflict("resolutions_open", Text("还有 \(v.openResolutions) 项决议未关闭", "\(v.openResolutions) resolutions are still open"))
        case .notYetHeld?:
            throw AppError.conflict("not_yet_held", Text("座谈会定于 \(v.heldOn) 召开，当天或之后才能登记召开情况", "The forum is set for \(v.heldOn); it is recorded as held on that day or later"))
        }
    }

    /// A guarded update of the forum's row: 409 when someone changed it a moment ago.
    static func update(_ db: any SQLDatabase, _ v: PropertyForumView, set: SQLQueryString, at: Int64) async throws {
        guard try await db.raw("""
            UPDATE property_forums SET \(set), changed_at = \(bind: at)
            WHERE id = \(bind: v.id) AND status = \(bind: v.status.rawValue) AND resolutions = \(bind: v.resolutionCount)
                AND resolutions_open = \(bind: v.openResolutions) RETURNING id
            """).first() != nil else {
            throw AppError.conflict("invalid_transition", Text("该座谈会刚刚已更新，请刷新", "The forum changed a moment ago; reload it"))
        }
    }

    /// planned → held: how many came, who (names or rooms), the minutes.
    public func holdForum(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        let minutes = try PropertyInput.text(b["minutes"], field: "minutes", label: Text("会议纪要", "Minutes"), max: 10_000, required: false)
        let attendees = try PropertyInput.text(b["attendees"], field: "attendees", label: Text("参加业主", "Attendees"), max: 2000, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await Self.forStep(db, id: id, .hold, actor: actor, minutes: minutes, today: Times.day(date))
            let count = try PropertyVisitInput.attendeeCount(b["attendeeCount"])
            try await Self.update(db, v, set: """
                status = \(bind: ForumStatus.held.rawValue), attendee_count = \(bind: count), attendees = \(bind: attendees), minutes = \(bind: minutes)
                """, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "hold", entity: Self.forumEntity, entityId: id,
                                        detail: ["number": v.number, "attendees": String(count)], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    /// A resolution taken at a held forum: what, its owner, its due day.
    public func addResolution(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        let content = try PropertyInput.text(b["content"], field: "content", label: Text("决议事项", "Resolution"), max: 1000, required: true)!
        let owner = try PropertyInput.text(b["owner"], field: "owner", label: Text("负责人", "Owner"), max: 60, required: true)!
        guard TextRules.trimmed(b["dueOn"]) != nil else { throw AppError.validation("dueOn", Text("请填写完成期限", "Due date is required")) }
        let due = try PropertyInput.day(b["dueOn"], field: "dueOn", label: Text("完成期限", "Due date"), default: nil)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await Self.forStep(db, id: id, .addResolution, actor: actor)
            try await Self.update(db, v, set: "resolutions = resolutions + 1, resolutions_open = resolutions_open + 1", at: at)
            try await db.raw("""
                INSERT INTO property_forum_resolutions (forum_id, seq, content, owner, due_on, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: v.resolutionCount + 1), \(bind: content), \(bind: owner), \(bind: due.iso), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "add_resolution", entity: Self.forumEntity, entityId: id,
                                        detail: ["number": v.number, "seq": String(v.resolutionCount + 1)], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    /// A resolution (by `seq`) closed with a note on what was done.
    public func closeResolution(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        guard let seq = TextRules.trimmed(b["seq"]).flatMap({ Int($0) }), seq > 0 else {
            throw AppError.validation("seq", Text("请指明要关闭的决议", "Say which resolution to close"))
        }
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("完成情况", "What was done"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await Self.forStep(db, id: id, .closeResolution, actor: actor)
            guard let r = v.resolutions.first(where: { $0.seq == seq }) else { throw AppError.notFound(Text("决议", "Resolution")) }
            guard !r.closed else { throw AppError.conflict("invalid_transition", Text("该决议已关闭", "The resolution is already closed")) }
            try await Self.update(db, v, set: "resolutions_open = resolutions_open - 1", at: at)
            try await db.raw("""
                UPDATE property_forum_resolutions SET closed_note = \(bind: note), closed_at = \(bind: at), closed_by = \(bind: actor.userId)
                WHERE forum_id = \(bind: id) AND seq = \(bind: seq) AND closed_at IS NULL
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "close_resolution", entity: Self.forumEntity, entityId: id,
                                        detail: ["number": v.number, "seq": String(seq)], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    /// held → closed, once every resolution is closed.
    public func closeForum(id: String, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await Self.forStep(db, id: id, .close, actor: actor)
            try await Self.update(db, v, set: "status = \(bind: ForumStatus.closed.rawValue)", at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "close", entity: Self.forumEntity, entityId: id, detail: ["number": v.number], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    /// planned → cancelled, with the reason.
    public func cancelForum(id: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyForumView {
        let reason = try PropertyInput.text(b["reason"], field: "reason", label: Text("取消原因", "Reason"), max: 1000, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let v = try await Self.forStep(db, id: id, .cancel, actor: actor, reason: reason)
            try await Self.update(db, v, set: "status = \(bind: ForumStatus.cancelled.rawValue), cancel_reason = \(bind: reason)", at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "cancel", entity: Self.forumEntity, entityId: id, detail: ["number": v.number], at: at)
            return try await PropertyVisitQueries.forum(db, id: id, viewer: actor)
        }
    }

    public func forums(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<PropertyForumView> {
        try Self.requireReader(viewer)
        let f = try PropertyVisitQueries.ForumFilter.parse(query)
        return try await store.read { db in try await PropertyVisitQueries.forums(db, f, paging: paging, viewer: viewer) }
    }

    public func forum(id: String, viewer: Principal) async throws -> PropertyForumView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await PropertyVisitQueries.forum(db, id: id, viewer: viewer) }
    }

    public func forumsPage(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> PropertyForumsPageModel {
        try Self.requireReader(viewer)
        let f = try PropertyVisitQueries.ForumFilter.parse(query)
        return try await store.read { db in
            PropertyForumsPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                                    forums: try await PropertyVisitQueries.forums(db, f, paging: paging, viewer: viewer),
                                    mayPlan: !viewer.roles.isDisjoint(with: PropertyForumRules.hosts))
        }
    }
}

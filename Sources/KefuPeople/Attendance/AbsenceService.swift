import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Absenteeism (旷工, SHF-05, SHF-09, SHF-11): the supervisor records a missed shift in one transaction with its
/// permission, the rule (`AbsenceRules`) and an audit-trail entry.
public struct AbsenceService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Records that the person rostered on `shiftId` did not work it. Refused (422) when approved leave covers the
    /// shift, when shares of blame are missing or wrong for an unclear swap handover, or for a shift not yet begun;
    /// 409 when the shift already has an absence.
    public func record(_ input: AbsenceInput, by actor: Principal, now: Date = Date()) async throws -> AbsenceView {
        guard !actor.roles.isDisjoint(with: AbsenceRules.recorders) else {
            throw AppError.forbidden(Text("旷工由审批请假的主管或经理登记（SHF-05）", "Absences are recorded by the supervisor or manager who approves leave (SHF-05)"))
        }
        guard let entryId = TextRules.trimmed(input.shiftId) else {
            throw AppError.validation("shiftId", Text("请选择缺勤的班次", "Choose the shift that was missed"))
        }
        let note = TextRules.trimmed(input.note) ?? ""
        guard note.count <= 500 else { throw AppError.validation("note", Text("说明最长 500 字", "The note is at most 500 characters")) }
        var typed: [String: Int] = [:]
        for s in input.shares ?? [] {
            guard let user = TextRules.trimmed(s.userId), let p = s.percent, typed[user] == nil else {
                throw AppError.validation("shares", Text("每位当事人填写一次责任比例", "Give each party's share once"))
            }
            typed[user] = p
        }
        let given = typed
        let lock = store.dialect.rowLock(of: "e")
        return try await store.write { db in
            // "KG-2026-000001" (旷工), gapless per year: the counter first, as the other people forms take theirs (#18 lock order).
            let number = try await SwapService.nextNumber(db, prefix: "KG", kind: "absence", now: now)
            guard let e = try await PeopleQueries.entry(db, id: entryId, lock: lock) else {
                throw AppError.validation("shiftId", Text("找不到这个班次", "No such shift on the roster"))
            }
            guard actor.covers(unitPath: e.orgPath) else {
                throw AppError.forbidden(Text("您不能登记这个部门的旷工", "You cannot record absences of this unit"))
            }
            guard e.userId != actor.userId else {
                throw AppError.forbidden(Text("不能为自己登记旷工", "You cannot record your own absence"))
            }
            guard let day = CivilDay(iso: e.day), day <= Times.day(now) else {
                throw AppError.validation("shiftId", Text("班次尚未开始，不能登记旷工", "The shift has not begun; it cannot be missed yet"))
            }
            if let existing = try await db.raw("SELECT number FROM absences WHERE entry_id = \(bind: e.id)").first()?.decode(column: "number", as: String.self) {
                throw AppError(.conflict, "absence_exists", Text("该班次已登记旷工 {0}", "This shift already has absence {0}").with(existing), details: ["field": "shiftId"])
            }
            let onLeave = try await db.raw("SELECT 1 AS x FROM leave_requests WHERE entry_id = \(bind: e.id) AND status = 'approved'").first() != nil
            var parties: AbsenceRules.SwapParties?
            if let swapId = e.swapId, let s = try await PeopleQueries.swapRow(db, id: swapId), s.status == "effective" {
                parties = AbsenceRules.SwapParties(requesterId: s.requesterId, counterpartId: s.counterpartId)
            }
            // The page's form names the shares by party: the absentee and the other party of the swap.
            var shares = given
            if let a = input.absenteePercent { shares[e.userId] = a }
            if let o = input.otherPartyPercent {
                shares[parties.map { $0.requesterId == e.userId ? $0.counterpartId : $0.requesterId } ?? "-"] = o
            }
            let claim = AbsenceRules.Claim(absentUserId: e.userId, onApprovedLeave: onLeave, swap: parties,
                                           unclearHandover: input.unclearHandover ?? false, shares: shares)
            let decided: [String: Int]
            switch AbsenceRules.decide(claim) {
            case .record(let s): decided = s
            case .refused(let r): throw Self.refusal(r)
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO absences (id, number, org_unit_id, org_path, entry_id, day, month, shift_id, user_id, swap_id, unclear_handover, note, recorded_by, created_at)
                VALUES (\(bind: id), \(bind: number), \(bind: e.orgUnitId), \(bind: e.orgPath), \(bind: e.id), \(bind: e.day), \(bind: String(e.day.prefix(7))),
                    \(bind: e.shift.id), \(bind: e.userId), \(bind: parties == nil ? nil : e.swapId), \(bind: claim.unclearHandover ? 1 : 0), \(bind: note),
                    \(bind: actor.userId), \(bind: at))
                """).run()
            for (user, percent) in decided.sorted(by: { $0.key < $1.key }) {
                try await db.raw("INSERT INTO absence_shares (absence_id, user_id, percent) VALUES (\(bind: id), \(bind: user), \(bind: percent))").run()
            }
            var detail = ["number": number, "day": e.day, "user": e.userId]
            for (user, percent) in decided { detail["share:\(user)"] = String(percent) }
            try await AuditTrail.record(db, actorId: actor.userId, action: "record", entity: "absence", entityId: id, detail: detail, at: at)
            guard let row = try await AbsenceQueries.row(db, id: id) else { throw AppError.internalError("absence") }
            return try await AbsenceQueries.view(db, row)
        }
    }

    public func absences(_ filter: AbsenceQueries.Filter, viewer: Principal, paging: Paging) async throws -> ListPage<AbsenceView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await AbsenceQueries.list(db, filter: filter, viewer: viewer, paging: paging) }
    }

    /// The rule's refusal as API.md's 422 with its code; the field it concerns for a form drawn again.
    static func refusal(_ r: AbsenceRules.Refusal) -> AppError {
        let message: Text, field: String
        switch r {
        case .onApprovedLeave:
            message = Text("该班次已批准请假，不属于旷工（SHF-05）", "Approved leave covers this shift: it is not absenteeism (SHF-05)"); field = "shiftId"
        case .notSwapped:
            message = Text("只有换班或还班的班次才按交接不清分担责任（SHF-11）", "Shared blame applies only to a swapped or payback shift (SHF-11)"); field = "unclearHandover"
        case .sharesMissing:
            message = Text("换班交接不清时，请填写双方的责任比例（SHF-11）", "An unclear swap handover needs both parties' shares of blame (SHF-11)"); field = "shares"
        case .sharesInvalid:
            message = Text("责任比例须为换班双方各 0–100 的整数，合计 100", "Shares are whole percentages 0–100 for the two parties of the swap, totalling 100"); field = "shares"
        case .sharesUnexpected:
            message = Text("交接清楚时由缺勤人承担全部责任，不填写责任比例", "With a clear handover the absentee alone is answerable: no shares"); field = "shares"
        }
        return AppError(.unprocessableContent, r.rawValue, message, details: ["field": field])
    }
}

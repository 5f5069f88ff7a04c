import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// SAT-10 the half-yearly owners' opinion survey (篇12 职责二.5–6: the company issues 《顾客意见调查表》 every half year and
/// return visits are arranged from the answers). A round of an estate and half year asks every unit whose occupant has a
/// phone in the register, through the survey engine's invitations (one per resident, made in the round's transaction);
/// the engine sends nothing itself, so paper forms are typed in here and stored by the engine as its own answers.
public struct PropertyOpinionService: Sendable {
    let store: any Store
    let surveys: any PropertyOpinionSurveys
    /// #14 item 6: no new round where the property feature is off at the estate's unit.
    let features: any FeatureGate

    public init(store: any Store, surveys: any PropertyOpinionSurveys = NoOpinionSurveys(), features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.surveys = surveys
        self.features = features
    }

    public static let defaultValidDays = 30
    public static let maxResidents = 5_000

    static func requireReader(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: PropertyRules.readers) else {
            throw AppError.forbidden(Text("您不能查看业主意见调查", "You cannot see the owners' opinion surveys"))
        }
    }

    static let overallAliases: [String: Int] = Dictionary(uniqueKeysWithValues: SatisfactionLevel.allCases.map { ($0.zh, $0.rawValue) })

    public func start(estateId: String, _ b: FlatBody, by actor: Principal, baseURL: String = "", now date: Date = Date()) async throws -> OpinionRoundView {
        guard !actor.roles.isDisjoint(with: PropertyOpinionRules.starters) else {
            throw AppError.forbidden(Text("只有客服主管可以发起业主意见调查", "Only the CS supervisor starts the owners' opinion survey"))
        }
        let today = Times.day(date)
        let half: HalfYear
        if let typed = TextRules.trimmed(b["halfYear"]) {
            guard let h = HalfYear(typed) else {
                throw AppError.validation("halfYear", Text("半年度格式为 2026-H2（H1 上半年，H2 下半年）", "The half year must look like 2026-H2 (H1 January–June, H2 July–December)"))
            }
            half = h
        } else {
            half = HalfYear(year: today.year, month: today.components.month)!
        }
        var days = Self.defaultValidDays
        if let raw = TextRules.trimmed(b["validDays"]) {
            guard let d = Int(raw), (1...365).contains(d) else { throw AppError.validation("validDays", Text("有效天数必须在 1 到 365 之间", "validDays must be between 1 and 365")) }
            days = d
        }
        let at = Clock.millis(date)
        let surveys = self.surveys
        return try await store.write { [days] db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, write: false, features: self.features)
            guard PropertyOperationsRules.may(PropertyOpinionRules.starters, roles: actor.roles, userPath: actor.orgPath, recordPath: path) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位的小区发起调查", "You start surveys for the estates of your unit and below only"))
            }
            if try await db.raw("SELECT id FROM property_opinion_rounds WHERE estate_id = \(bind: estateId) AND half_year = \(bind: half.iso)").first() != nil {
                throw AppError(.conflict, "round_exists", Text("该小区\(half.zh)的意见调查已发起", "The estate's survey for \(half.iso) has already been started"),
                               details: ["field": "halfYear"])
            }
            let unitOrg = try await db.raw("SELECT org_unit_id FROM property_estates WHERE id = \(bind: estateId)").first()?.decode(column: "org_unit_id", as: String.self) ?? actor.orgUnitId
            let units = try await db.raw("""
                SELECT id, building, room, occupant_name, occupant_phone FROM property_units
                WHERE estate_id = \(bind: estateId) AND occupant_phone IS NOT NULL AND occupant_phone <> '' ORDER BY building, room LIMIT \(bind: Self.maxResidents + 1)
                """).all()
            guard !units.isEmpty else {
                throw AppError(.unprocessableContent, "no_residents", Text("本小区没有登记了电话的住户", "The estate has no occupant with a phone on the register"), details: [:])
            }
            guard units.count <= Self.maxResidents else {
                throw AppError(.unprocessableContent, "too_many_residents", Text("一次最多 \(Self.maxResidents) 户", "At most \(Self.maxResidents) residents per round"), details: [:])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_opinion_rounds (id, estate_id, org_path, half_year, residents, started_at, started_by)
                VALUES (\(bind: id), \(bind: estateId), \(bind: path), \(bind: half.iso), \(bind: units.count), \(bind: at), \(bind: actor.userId))
                """).run()
            var links: [String: String] = [:]
            for u in units {
                let unitId = try u.decode(column: "id", as: String.self)
                let name = try u.decode(column: "occupant_name", as: String?.self) ?? "业主"
                let building = try u.decode(column: "building", as: String.self), room = try u.decode(column: "room", as: String.self)
                let phone = try u.decode(column: "occupant_phone", as: String.self)
                let inv = try await surveys.invite(db, name: name, orgUnitId: unitOrg, orgPath: path, days: days, actorId: actor.userId, at: at, baseURL: baseURL)
                links[unitId] = inv.url
                try await db.raw("""
                    INSERT INTO property_opinion_residents (round_id, unit_id, building, room, occupant_name, occupant_phone, invitation_id)
                    VALUES (\(bind: id), \(bind: unitId), \(bind: building), \(bind: room), \(bind: name), \(bind: phone), \(bind: inv.id))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "start", entity: "property_opinion_round", entityId: id,
                                        detail: ["halfYear": half.iso, "residents": String(units.count)], at: at)
            var round = try await PropertyOpinionQueries.round(db, id: id, surveys: surveys, viewer: actor)
            round.items = round.items.map { var r = $0; r.url = links[r.unitId].flatMap { $0.isEmpty ? nil : $0 }; return r }
            return round
        }
    }

    /// A paper form typed in for a resident of the round: the unit (id, or building and room), the overall rating
    /// (1–5 or 很满意…不满意) and the comment.
    public func recordAnswer(roundId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> OpinionRoundView {
        guard !actor.roles.isDisjoint(with: PropertyOpinionRules.answerTakers) else {
            throw AppError.forbidden(Text("您不能登记调查表", "You cannot record survey forms"))
        }
        guard let raw = TextRules.trimmed(b["overall"]), let overall = Int(raw).flatMap({ SatisfactionLevel(rawValue: $0)?.rawValue }) ?? Self.overallAliases[raw] else {
            throw AppError.validation("overall", Text("请选择总体评价（1 到 5，或很满意…不满意）", "Choose the overall rating (1 to 5, or 很满意…不满意)"))
        }
        let comment = try PropertyInput.text(b["comment"], field: "comment", label: Text("意见和建议", "Opinions"), max: 2000, required: false)
        let unitId = TextRules.trimmed(b["unitId"]), building = TextRules.trimmed(b["building"]), room = TextRules.trimmed(b["room"])
        let surveys = self.surveys
        let invitation = try await store.read { db in
            let round = try await PropertyOpinionQueries.round(db, id: roundId, surveys: surveys, viewer: actor)
            guard round.mayRecord else { throw AppError.forbidden(Text("您不能登记该小区的调查表", "You cannot record this estate's forms")) }
            guard let inv = try await PropertyOpinionQueries.resident(db, roundId: roundId, unitId: unitId, building: building, room: room) else {
                throw AppError.validation("room", Text("本次调查没有该房屋（请填写楼栋与房号）", "The round did not ask that unit (give the building and room)"))
            }
            return inv
        }
        do {
            try await surveys.submitPaper(invitationId: invitation, overall: overall, comment: comment, now: date)
        } catch let e as AppError where e.code == "survey_already_submitted" {
            // The survey engine words it for the respondent; the one typing the form in is staff.
            throw AppError.conflict("survey_already_submitted", Text("该房屋的调查表已登记，不能重复录入", "This unit's form is already recorded; it cannot be entered twice"))
        }
        return try await round(id: roundId, viewer: actor)
    }

    public func rounds(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<OpinionRoundView> {
        try Self.requireReader(viewer)
        let surveys = self.surveys
        return try await store.read { db in
            try await PropertyOpinionQueries.list(db, estateId: TextRules.trimmed(query["estateId"]), paging: paging, surveys: surveys, viewer: viewer)
        }
    }

    public func round(id: String, viewer: Principal) async throws -> OpinionRoundView {
        try Self.requireReader(viewer)
        let surveys = self.surveys
        return try await store.read { db in try await PropertyOpinionQueries.round(db, id: id, surveys: surveys, viewer: viewer) }
    }

    public func roundsPage(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> OpinionRoundsPageModel {
        try Self.requireReader(viewer)
        let surveys = self.surveys
        return try await store.read { db in
            OpinionRoundsPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                                   rounds: try await PropertyOpinionQueries.list(db, estateId: TextRules.trimmed(query["estateId"]), paging: paging,
                                                                                  surveys: surveys, viewer: viewer),
                                   mayStart: !viewer.roles.isDisjoint(with: PropertyOpinionRules.starters))
        }
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the opinion rounds (SAT-10), inside the caller's transaction, scoped to the viewer's unit and below; the
/// answers come from the survey engine through `PropertyOpinionSurveys`.
enum PropertyOpinionQueries {
    static let select = """
        SELECT r.id, r.estate_id, r.org_path, r.half_year, r.residents, r.started_at, e.name AS estate_name,
            \(OrgQueries.userNameSQL("r.started_by")) AS by_name
        FROM property_opinion_rounds r JOIN property_estates e ON e.id = r.estate_id
        """

    static func residentsOf(_ db: any SQLDatabase, roundIds: [String]) async throws -> [String: [(OpinionResidentView)]] {
        guard !roundIds.isEmpty else { return [:] }
        var by: [String: [OpinionResidentView]] = [:]
        for row in try await db.raw("""
            SELECT round_id, unit_id, building, room, occupant_name, occupant_phone, invitation_id FROM property_opinion_residents
            WHERE round_id IN (\(SQLList(roundIds.map { SQLBind($0) }))) ORDER BY round_id, building, room
            """).all() {
            by[try row.decode(column: "round_id", as: String.self), default: []].append(OpinionResidentView(
                unitId: try row.decode(column: "unit_id", as: String.self), building: try row.decode(column: "building", as: String.self),
                room: try row.decode(column: "room", as: String.self), occupantName: try row.decode(column: "occupant_name", as: String.self),
                occupantPhone: try row.decode(column: "occupant_phone", as: String.self), invitationId: try row.decode(column: "invitation_id", as: String.self),
                overall: nil, overallLabel: nil, comment: nil, answeredAt: nil, returnVisit: false, url: nil))
        }
        return by
    }

    static func answered(_ r: OpinionResidentView, _ a: PropertyOpinionAnswer?) -> OpinionResidentView {
        guard let a else { return r }
        let level = SatisfactionLevel(rawValue: a.overall)
        return OpinionResidentView(unitId: r.unitId, building: r.building, room: r.room, occupantName: r.occupantName, occupantPhone: r.occupantPhone,
                                   invitationId: r.invitationId, overall: a.overall, overallLabel: level?.zh, comment: a.comment,
                                   answeredAt: Times.rfc3339(a.submittedAt), returnVisit: PropertyOpinionRules.needsReturnVisit(overall: a.overall, comment: a.comment),
                                   url: r.url)
    }

    static func rounds(_ db: any SQLDatabase, rows: [any SQLRow], surveys: any PropertyOpinionSurveys, viewer: Principal) async throws -> [OpinionRoundView] {
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        let residents = try await residentsOf(db, roundIds: ids)
        let answers = try await surveys.answers(db, invitationIds: residents.values.flatMap { $0.map(\.invitationId) })
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            let items = (residents[id] ?? []).map { answered($0, answers[$0.invitationId]) }
            let scores = items.compactMap(\.overall)
            let path = try row.decode(column: "org_path", as: String.self)
            return OpinionRoundView(
                id: id, estateId: try row.decode(column: "estate_id", as: String.self), estateName: try row.decode(column: "estate_name", as: String.self),
                halfYear: try row.decode(column: "half_year", as: String.self), residents: items.count, answered: scores.count,
                responseRate: FullTargetRate(part: scores.count, whole: items.count).text,
                averageScore: PropertyOpinionRules.averageText(PropertyOpinionRules.averageTenths(scores)),
                startedAt: Times.rfc3339(try row.decode(column: "started_at", as: Int64.self)), startedBy: try row.decode(column: "by_name", as: String?.self) ?? "—",
                items: items, returnVisits: items.filter(\.returnVisit),
                mayRecord: PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: path)
                    && !viewer.roles.isDisjoint(with: PropertyOpinionRules.answerTakers),
                orgPath: path)
        }
    }

    static func round(_ db: any SQLDatabase, id: String, surveys: any PropertyOpinionSurveys, viewer: Principal) async throws -> OpinionRoundView {
        guard let row = try await db.raw("\(unsafeRaw: select) WHERE r.id = \(bind: id)").first() else { throw AppError.notFound(Text("意见调查", "Opinion survey")) }
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: try row.decode(column: "org_path", as: String.self)) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的意见调查", "You see the opinion surveys of your unit and below only"))
        }
        return try await rounds(db, rows: [row], surveys: surveys, viewer: viewer)[0]
    }

    static func list(_ db: any SQLDatabase, estateId: String?, paging: Paging, surveys: any PropertyOpinionSurveys, viewer: Principal) async throws -> ListPage<OpinionRoundView> {
        var c: [SQLQueryString] = [PropertyQueries.scope("r", viewer)]
        if let e = estateId { c.append("r.estate_id = \(bind: e)") }
        let (rows, total) = try await RegisterQuery.page(db, from: "property_opinion_rounds r", select: select, where: c, order: "r.half_year DESC, e.name", paging: paging)
        return ListPage(items: try await rounds(db, rows: rows, surveys: surveys, viewer: viewer), page: paging.page, per: paging.per, total: total)
    }

    /// The round's resident of a unit (by id, or building and room): the invitation id; nil when the unit was not asked.
    static func resident(_ db: any SQLDatabase, roundId: String, unitId: String?, building: String?, room: String?) async throws -> String? {
        let row: (any SQLRow)?
        if let unitId {
            row = try await db.raw("SELECT invitation_id FROM property_opinion_residents WHERE round_id = \(bind: roundId) AND unit_id = \(bind: unitId)").first()
        } else if let building, let room {
            row = try await db.raw("""
                SELECT invitation_id FROM property_opinion_residents WHERE round_id = \(bind: roundId) AND building = \(bind: building) AND room = \(bind: room)
                """).first()
        } else {
            row = nil
        }
        return try row?.decode(column: "invitation_id", as: String.self)
    }
}

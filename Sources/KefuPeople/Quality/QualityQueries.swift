import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of inspection standards, calls, inspections and penalty records (#15.5). Every read is scoped: a role acts in
/// its unit and below; an agent reads its own inspections, calls and penalties.
enum QualityQueries {
    // MARK: standards

    struct StandardRow: Sendable {
        let id: String, orgUnitId: String, orgPath: String, orgUnitName: String, name: String, kind: String, status: String
        static let select = """
            SELECT s.id, s.org_unit_id, s.org_path, \(OrgQueries.unitNameSQL("s.org_unit_id")) AS unit_name, s.name, s.kind, s.status FROM inspection_standards s
            """
        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
            orgPath = try row.decode(column: "org_path", as: String.self)
            orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
            name = try row.decode(column: "name", as: String.self)
            kind = try row.decode(column: "kind", as: String.self)
            status = try row.decode(column: "status", as: String.self)
        }
    }

    static func standardRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> StandardRow? {
        try await db.raw("\(unsafeRaw: StandardRow.select) WHERE s.id = \(bind: id)\(unsafeRaw: lock)").first().map(StandardRow.init(row:))
    }

    static func standardItems(_ db: any SQLDatabase, id: String) async throws -> [(label: String, weight: Int)] {
        try await db.raw("SELECT label, weight FROM inspection_standard_items WHERE standard_id = \(bind: id) ORDER BY line").all().map {
            (label: try $0.decode(column: "label", as: String.self), weight: try $0.decode(column: "weight", as: Int.self))
        }
    }

    static func standardView(_ db: any SQLDatabase, _ row: StandardRow, viewer: Principal) async throws -> InspectionStandardView {
        let items = try await standardItems(db, id: row.id).map { InspectionItemView(label: $0.label, weight: InspectionScoring.text($0.weight), score: nil) }
        let keeps = !viewer.roles.isDisjoint(with: InspectionScoring.standardKeepers) && viewer.covers(unitPath: row.orgPath)
        return InspectionStandardView(id: row.id, orgUnitId: row.orgUnitId, orgUnitName: row.orgUnitName, name: row.name, kind: row.kind, status: row.status,
                                      items: items, actions: keeps ? ["edit"] : [])
    }

    /// Who reads standards: their keepers and the inspectors, in the unit and below, and the standards of the units above
    /// that apply to theirs; agents read them too (they are scored against them).
    static func mayRead(_ viewer: Principal, path: String) -> Bool {
        RosterRoles.isStaff(viewer.roles) && (viewer.covers(unitPath: path) || OrgPath.contains(path, viewer.orgPath))
    }

    static func standard(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> InspectionStandardView {
        guard let row = try await standardRow(db, id: id) else { throw AppError.notFound(Text("质检标准", "Inspection standard")) }
        guard mayRead(viewer, path: row.orgPath) else { throw AppError.forbidden(Text("您不能查看其他单位的质检标准", "You cannot see another unit's inspection standards")) }
        return try await standardView(db, row, viewer: viewer)
    }

    /// The standards that apply to the viewer's unit (its own and the units' above) and those of the units below.
    static func standards(_ db: any SQLDatabase, viewer: Principal, status: String?, kind: String?, paging: Paging) async throws -> ListPage<InspectionStandardView> {
        let above = pathsAbove(viewer.orgPath)
        var filter: SQLQueryString = "(s.org_path LIKE \(bind: viewer.orgPath + "%") OR s.org_path IN (\(SQLList((above.isEmpty ? [""] : above).map { SQLBind($0) }))))"
        if let status { filter = filter + " AND s.status = \(bind: status)" }
        if let kind { filter = filter + " AND s.kind = \(bind: kind)" }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM inspection_standards s WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: StandardRow.select) WHERE \(filter) ORDER BY s.status, s.name, s.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(StandardRow.init(row:))
        var items: [InspectionStandardView] = []
        for r in rows { items.append(try await standardView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// The paths of the units above `path`: "/a/b/c/" → ["/a/", "/a/b/"].
    static func pathsAbove(_ path: String) -> [String] {
        let ids = OrgPath.ids(path)
        return ids.indices.dropLast().map { "/" + ids[...$0].joined(separator: "/") + "/" }
    }

    // MARK: calls

    static let callSelect = """
        SELECT c.id, c.org_unit_id, c.org_path, c.agent_id, \(OrgQueries.userNameSQL("c.agent_id")) AS agent_name, c.called_at, c.caller_number, c.rings,
            c.duration_seconds, c.note, (SELECT p.id FROM quality_penalties p WHERE p.call_id = c.id) AS penalty_id FROM quality_calls c
        """

    static func callView(_ row: any SQLRow) throws -> (view: CallRecordView, path: String) {
        let rings = try row.decode(column: "rings", as: Int.self)
        return (CallRecordView(id: try row.decode(column: "id", as: String.self), orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                               agentId: try row.decode(column: "agent_id", as: String.self), agentName: try row.decode(column: "agent_name", as: String?.self) ?? "",
                               calledAt: Times.rfc3339(try row.decode(column: "called_at", as: Int64.self)),
                               callerNumber: try row.decode(column: "caller_number", as: String.self), rings: rings,
                               durationSeconds: try row.decode(column: "duration_seconds", as: Int.self), note: try row.decode(column: "note", as: String.self),
                               lateAnswer: QualityPenaltyRules.isLateAnswer(rings: rings), penaltyId: try row.decode(column: "penalty_id", as: String?.self)),
                try row.decode(column: "org_path", as: String.self))
    }

    static func call(_ db: any SQLDatabase, id: String) async throws -> (view: CallRecordView, path: String)? {
        try await db.raw("\(unsafeRaw: callSelect) WHERE c.id = \(bind: id)").first().map(callView)
    }

    /// A call as the viewer sees it: inspectors and deciders of its unit and above, and its agent.
    static func callView(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> CallRecordView {
        guard let c = try await call(db, id: id) else { throw AppError.notFound(Text("来电记录", "Call record")) }
        guard c.view.agentId == viewer.userId || (!viewer.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) && viewer.covers(unitPath: c.path)) else {
            throw AppError.forbidden(Text("您不能查看这条来电记录", "You cannot see this call record"))
        }
        return c.view
    }

    /// The viewer's own (an agent) or, for inspectors and deciders, those of the unit and below; newest first.
    static func calls(_ db: any SQLDatabase, viewer: Principal, paging: Paging) async throws -> ListPage<CallRecordView> {
        let filter = scopeFilter("c", viewer: viewer)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM quality_calls c WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await db.raw("""
            \(unsafeRaw: callSelect) WHERE \(filter) ORDER BY c.called_at DESC, c.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try callView($0).view }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// Readers of the register see their unit and below; anyone else only their own records.
    static func scopeFilter(_ alias: String, viewer: Principal) -> SQLQueryString {
        if !viewer.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) {
            return "\(unsafeRaw: alias).org_path LIKE \(bind: viewer.orgPath + "%")"
        }
        return "\(unsafeRaw: alias).agent_id = \(bind: viewer.userId)"
    }

    // MARK: inspections

    static let inspectionSelect = """
        SELECT i.id, i.number, i.org_unit_id, i.org_path, i.agent_id, \(OrgQueries.userNameSQL("i.agent_id")) AS agent_name, i.standard_id, i.standard_name,
            i.kind, i.ticket_id, i.ticket_number, i.call_id, i.total, i.comment, i.inspector_id, \(OrgQueries.userNameSQL("i.inspector_id")) AS inspector_name,
            i.inspected_at, (SELECT p.id FROM quality_penalties p WHERE p.inspection_id = i.id) AS penalty_id FROM inspections i
        """

    static func inspectionView(_ db: any SQLDatabase, _ row: any SQLRow, withItems: Bool) async throws -> (view: InspectionView, path: String) {
        let id = try row.decode(column: "id", as: String.self)
        var items: [InspectionItemView] = []
        if withItems {
            items = try await db.raw("SELECT label, weight, score FROM inspection_scores WHERE inspection_id = \(bind: id) ORDER BY line").all().map {
                InspectionItemView(label: try $0.decode(column: "label", as: String.self), weight: InspectionScoring.text(try $0.decode(column: "weight", as: Int.self)),
                                   score: try $0.decode(column: "score", as: Int.self))
            }
        }
        return (InspectionView(id: id, number: try row.decode(column: "number", as: String.self), orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                               agentId: try row.decode(column: "agent_id", as: String.self), agentName: try row.decode(column: "agent_name", as: String?.self) ?? "",
                               standardId: try row.decode(column: "standard_id", as: String.self), standardName: try row.decode(column: "standard_name", as: String.self),
                               kind: try row.decode(column: "kind", as: String.self), ticketId: try row.decode(column: "ticket_id", as: String?.self),
                               ticketNumber: try row.decode(column: "ticket_number", as: String?.self), callId: try row.decode(column: "call_id", as: String?.self),
                               total: InspectionScoring.text(try row.decode(column: "total", as: Int.self)), items: items,
                               comment: try row.decode(column: "comment", as: String.self), inspectorId: try row.decode(column: "inspector_id", as: String.self),
                               inspectorName: try row.decode(column: "inspector_name", as: String?.self) ?? "",
                               inspectedAt: Times.rfc3339(try row.decode(column: "inspected_at", as: Int64.self)),
                               penaltyId: try row.decode(column: "penalty_id", as: String?.self)),
                try row.decode(column: "org_path", as: String.self))
    }

    /// One inspection: its agent, and the register's readers of its unit and above.
    static func inspection(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> InspectionView {
        guard let row = try await db.raw("\(unsafeRaw: inspectionSelect) WHERE i.id = \(bind: id) OR i.number = \(bind: id)").first() else {
            throw AppError.notFound(Text("质检记录", "Inspection"))
        }
        let i = try await inspectionView(db, row, withItems: true)
        guard i.view.agentId == viewer.userId || (!viewer.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) && viewer.covers(unitPath: i.path)) else {
            throw AppError.forbidden(Text("您不能查看这条质检记录", "You cannot see this inspection"))
        }
        return i.view
    }

    /// `mine`: the viewer's own inspections (an agent's "my inspections"); otherwise the register's scope. Newest first.
    static func inspections(_ db: any SQLDatabase, viewer: Principal, mine: Bool, q: String?, paging: Paging) async throws -> ListPage<InspectionView> {
        var filter: SQLQueryString = mine ? "i.agent_id = \(bind: viewer.userId)" : scopeFilter("i", viewer: viewer)
        if let q, !q.isEmpty {
            let like = "%" + q + "%"
            filter = filter + " AND (i.number LIKE \(bind: like) OR i.ticket_number LIKE \(bind: like) OR i.standard_name LIKE \(bind: like))"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM inspections i WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: inspectionSelect) WHERE \(filter) ORDER BY i.inspected_at DESC, i.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all()
        var items: [InspectionView] = []
        for r in rows { items.append(try await inspectionView(db, r, withItems: false).view) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    // MARK: penalties

    struct PenaltyRow: Sendable {
        let id: String, number: String, orgUnitId: String, orgPath: String, agentId: String, agentName: String, source: String, reason: String
        let status: String, occurredAt: Int64, callId: String?, inspectionId: String?, decidedBy: String?, decidedByName: String?, decisionReason: String?
        static let select = """
            SELECT p.id, p.number, p.org_unit_id, p.org_path, p.agent_id, \(OrgQueries.userNameSQL("p.agent_id")) AS agent_name, p.source, p.reason, p.status,
                p.occurred_at, p.call_id, p.inspection_id, p.decided_by, \(OrgQueries.userNameSQL("p.decided_by")) AS decider_name, p.decision_reason
            FROM quality_penalties p
            """
        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            number = try row.decode(column: "number", as: String.self)
            orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
            orgPath = try row.decode(column: "org_path", as: String.self)
            agentId = try row.decode(column: "agent_id", as: String.self)
            agentName = try row.decode(column: "agent_name", as: String?.self) ?? ""
            source = try row.decode(column: "source", as: String.self)
            reason = try row.decode(column: "reason", as: String.self)
            status = try row.decode(column: "status", as: String.self)
            occurredAt = try row.decode(column: "occurred_at", as: Int64.self)
            callId = try row.decode(column: "call_id", as: String?.self)
            inspectionId = try row.decode(column: "inspection_id", as: String?.self)
            decidedBy = try row.decode(column: "decided_by", as: String?.self)
            decidedByName = try row.decode(column: "decider_name", as: String?.self)
            decisionReason = try row.decode(column: "decision_reason", as: String?.self)
        }

        func view(_ viewer: Principal) -> QualityPenaltyView {
            let decides = status == QualityPenaltyRules.Status.proposed.rawValue && !viewer.roles.isDisjoint(with: QualityPenaltyRules.deciders)
                && viewer.covers(unitPath: orgPath) && viewer.userId != agentId
            return QualityPenaltyView(id: id, number: number, orgUnitId: orgUnitId, agentId: agentId, agentName: agentName, source: source, reason: reason,
                                      status: status, occurredAt: Times.rfc3339(occurredAt), callId: callId, inspectionId: inspectionId, decidedBy: decidedBy,
                                      decidedByName: decidedByName, decisionReason: decisionReason,
                                      actions: decides ? QualityPenaltyRules.Step.allCases.map(\.rawValue) : [])
        }
    }

    static func penaltyRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> PenaltyRow? {
        try await db.raw("\(unsafeRaw: PenaltyRow.select) WHERE p.id = \(bind: id)\(unsafeRaw: lock)").first().map(PenaltyRow.init(row:))
    }

    static func penalty(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> QualityPenaltyView {
        guard let row = try await db.raw("\(unsafeRaw: PenaltyRow.select) WHERE p.id = \(bind: id) OR p.number = \(bind: id)").first().map(PenaltyRow.init(row:)) else {
            throw AppError.notFound(Text("处罚记录", "Penalty record"))
        }
        guard row.agentId == viewer.userId || (!viewer.roles.isDisjoint(with: QualityPenaltyRules.registerReaders) && viewer.covers(unitPath: row.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看这条处罚记录", "You cannot see this penalty record"))
        }
        return row.view(viewer)
    }

    /// The register: the viewer's scope (or its own records), `status` narrows it; newest first.
    static func penalties(_ db: any SQLDatabase, viewer: Principal, status: String?, paging: Paging) async throws -> ListPage<QualityPenaltyView> {
        var filter = scopeFilter("p", viewer: viewer)
        if let status { filter = filter + " AND p.status = \(bind: status)" }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM quality_penalties p WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await db.raw("""
            \(unsafeRaw: PenaltyRow.select) WHERE \(filter) ORDER BY p.occurred_at DESC, p.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try PenaltyRow(row: $0).view(viewer) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}

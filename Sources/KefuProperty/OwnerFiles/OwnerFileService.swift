import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// PRP-06 业主档案 (篇12 职责三.7, 职责一.14; 篇1 §4〈3〉): a unit's occupants over time, kept in step with the unit row's
/// current occupant, and its dated file entries with the renovation steps. Each change: permission and unit scope,
/// validation, one transaction, an audit-trail entry.
public struct OwnerFileService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    /// Who may take a renovation step: supervision notes by the recorders, the decisions by the approvers.
    static func allowed(_ action: RenovationAction) -> Set<Role> {
        action == .supervise ? OwnerFileRules.recorders : OwnerFileRules.approvers
    }

    static func require(_ roles: Set<Role>, _ viewer: Principal, _ message: Text) throws {
        guard !viewer.roles.isDisjoint(with: roles) else { throw AppError.forbidden(message) }
    }

    static let recorderOnly = Text("只有物业客服管理员可以办理业主档案", "Only the property CS admin keeps the owner files")
    static let outside = Text("您只能办理本单位及下级单位的业主档案", "You keep the owner files of your unit and below only")

    /// The unit for a change by a recorder in its scope.
    static func workableUnit(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> (unit: PropertyUnitView, path: String) {
        let (unit, _, path) = try await OwnerFileQueries.unit(db, id: id, viewer: actor)
        guard OwnerFileRules.may(OwnerFileRules.recorders, roles: actor.roles, userPath: actor.orgPath, unitPath: path) else { throw AppError.forbidden(outside) }
        return (unit, path)
    }

    static func day(_ raw: String?, field: String, label: Text, today: CivilDay) throws -> CivilDay {
        let d = try PropertyInput.day(raw, field: field, label: label, default: today)!
        guard d <= today else { throw AppError.validation(field, Text(label.zh + "不能晚于今天", label.en + " cannot be after today")) }
        return d
    }

    static let kindAliases: [String: OwnerFileEntryKind] = ["入住手续": .moveIn, "签约": .agreement, "房屋交接": .handover, "装修": .renovation,
                                                          "工程档案": .engineering, "出租": .rental]

    // MARK: occupants

    /// PRP-06 move an owner or tenant in: a new open history entry; a unit has at most one current occupant of each kind.
    public func moveIn(unitId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyOwnerFileView {
        try Self.require(OwnerFileRules.recorders, actor, Self.recorderOnly)
        let kind = try PropertyInput.choice(b["kind"], field: "kind", label: Text("住户类别", "Occupant kind"), aliases: PropertyInput.occupantAliases) as PropertyOccupantKind
        let name = try PropertyInput.text(b["name"], field: "name", label: Text("姓名", "Name"), max: 60, required: true)!
        let phone = try PropertyInput.text(b["phone"], field: "phone", label: Text("联系电话", "Phone"), max: 40, required: false).map { TextRules.phoneKey($0) ?? $0 }
        let on = try Self.day(b["movedInOn"], field: "movedInOn", label: Text("入住日期", "Move-in date"), today: Times.day(date))
        let at = Clock.millis(date)
        return try await store.write { db in
            let (unit, path) = try await Self.workableUnit(db, id: unitId, actor: actor)
            let key = unitId + ":" + kind.rawValue
            if try await db.raw("SELECT id FROM property_occupancies WHERE current_key = \(bind: key)").first() != nil {
                throw AppError(.conflict, "occupant_current", Text("该房屋已有在住的\(kind == .owner ? "业主" : "租户")，请先办理迁出",
                                                                   "The unit already has a current \(kind.rawValue): move them out first"), details: ["field": "kind"])
            }
            try await db.raw("""
                INSERT INTO property_occupancies (id, unit_id, org_path, kind, name, phone, moved_in_on, moved_out_on, current_key, created_at, created_by)
                VALUES (\(bind: Clock.newID()), \(bind: unitId), \(bind: path), \(bind: kind.rawValue), \(bind: name), \(bind: phone), \(bind: on.iso), NULL,
                    \(bind: key), \(bind: at), \(bind: actor.userId))
                """).run()
            try await Self.syncRow(db, unitId: unitId, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "move_in", entity: "property_unit", entityId: unitId,
                                        detail: ["unit": unit.building + " " + unit.room, "kind": kind.rawValue, "on": on.iso], at: at)
            return try await OwnerFileQueries.ownerFile(db, unitId: unitId, viewer: actor)
        }
    }

    /// PRP-06 move the current owner or tenant out (`kind` may be left out when the unit has one current occupant);
    /// the date is not before the move-in (422).
    public func moveOut(unitId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyOwnerFileView {
        try Self.require(OwnerFileRules.recorders, actor, Self.recorderOnly)
        let label = Text("住户类别", "Occupant kind")
        var kind: PropertyOccupantKind?
        if TextRules.trimmed(b["kind"]) != nil {
            kind = try PropertyInput.choice(b["kind"], field: "kind", label: label, aliases: PropertyInput.occupantAliases) as PropertyOccupantKind
        }
        let on = try Self.day(b["movedOutOn"], field: "movedOutOn", label: Text("迁出日期", "Move-out date"), today: Times.day(date))
        let at = Clock.millis(date)
        return try await store.write { [kind] db in
            let (unit, _) = try await Self.workableUnit(db, id: unitId, actor: actor)
            let open = try await OwnerFileQueries.occupants(db, unitId: unitId).filter { $0.current && (kind == nil || $0.kind == kind) }
            guard open.count <= 1 else {
                throw AppError.validation("kind", Text("该房屋同时有业主和租户在住，请选择迁出哪一位", "The unit has a current owner and tenant: say which moves out"))
            }
            let o = open.first
            switch OwnerFileRules.moveOutRefusal(current: o != nil, movedInOn: o?.movedInOn.flatMap(CivilDay.init(iso:)), movedOutOn: on) {
            case .noCurrentOccupant:
                throw AppError(.conflict, "no_current_occupant", Text("该房屋没有在住的\(kind.map { $0 == .owner ? "业主" : "租户" } ?? "住户")",
                                                                      "The unit has no current \(kind?.rawValue ?? "occupant")"), details: ["field": "kind"])
            case .beforeMoveIn:
                throw AppError(.unprocessableContent, "move_out_before_move_in",
                               Text("迁出日期不能早于入住日期 \(o?.movedInOn ?? "")", "The move-out date cannot be before the move-in on \(o?.movedInOn ?? "")"),
                               details: ["field": "movedOutOn"])
            case nil: break
            }
            guard let o, try await db.raw("""
                UPDATE property_occupancies SET moved_out_on = \(bind: on.iso), current_key = NULL WHERE id = \(bind: o.id) AND moved_out_on IS NULL RETURNING id
                """).first() != nil else {
                throw AppError.conflict("occupant_changed", Text("该住户刚刚已迁出，请刷新后再试", "The occupant was moved out a moment ago: reload and retry"))
            }
            try await Self.syncRow(db, unitId: unitId, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "move_out", entity: "property_unit", entityId: unitId,
                                        detail: ["unit": unit.building + " " + unit.room, "kind": o.kind.rawValue, "on": on.iso], at: at)
            return try await OwnerFileQueries.ownerFile(db, unitId: unitId, viewer: actor)
        }
    }

    /// The unit row's current occupant follows the open history entries (`OwnerFileRules.onRow`).
    static func syncRow(_ db: any SQLDatabase, unitId: String, at: Int64) async throws {
        let open = try await OwnerFileQueries.occupants(db, unitId: unitId).filter(\.current).map {
            OwnerFileRules.Occupant(kind: $0.kind, name: $0.name, phone: $0.phone, movedInOn: $0.movedInOn)
        }
        let row = OwnerFileRules.onRow(owner: open.first { $0.kind == .owner }, tenant: open.first { $0.kind == .tenant })
        try await db.raw("""
            UPDATE property_units SET occupant_kind = \(bind: row?.kind.rawValue), occupant_name = \(bind: row?.name), occupant_phone = \(bind: row?.phone),
                move_in_on = \(bind: row?.movedInOn), updated_at = \(bind: at)
            WHERE id = \(bind: unitId)
            """).run()
    }

    // MARK: file entries

    /// PRP-06 a dated entry of the owner file; the kind's fields are required (`OwnerFileRules.required`). A renovation
    /// starts as applied (申请).
    public func addEntry(unitId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> OwnerFileEntryView {
        try Self.require(OwnerFileRules.recorders, actor, Self.recorderOnly)
        let today = Times.day(date)
        let kind = try PropertyInput.choice(b["kind"], field: "kind", label: Text("档案类别", "Entry kind"), aliases: Self.kindAliases) as OwnerFileEntryKind
        let on = try Self.day(b["entryOn"], field: "entryOn", label: Text("日期", "Date"), today: today)
        let summary = try PropertyInput.text(b["summary"], field: "summary", label: Text("内容", "Content"), max: 2000, required: false)
        let agreementNo = try PropertyInput.text(b["agreementNo"], field: "agreementNo", label: Text("协议编号", "Agreement no."), max: 60, required: false)
        let items = try PropertyInput.text(b["handoverItems"], field: "handoverItems", label: Text("钥匙与表读数", "Keys and meter readings"), max: 2000, required: false)
        let tenant = try PropertyInput.text(b["tenant"], field: "tenant", label: Text("租户", "Tenant"), max: 60, required: false)
        let from = try PropertyInput.day(b["termFrom"], field: "termFrom", label: Text("租期起", "Term from"), default: nil)
        let to = try PropertyInput.day(b["termTo"], field: "termTo", label: Text("租期止", "Term to"), default: nil)
        let agent = try PropertyInput.text(b["agent"], field: "agent", label: Text("中介", "Agent"), max: 100, required: false)
        var given = Set<OwnerFileField>()
        if summary != nil { given.insert(.summary) }
        if agreementNo != nil { given.insert(.agreementNo) }
        if items != nil { given.insert(.handoverItems) }
        if tenant != nil { given.insert(.tenant) }
        if from != nil { given.insert(.termFrom) }
        if to != nil { given.insert(.termTo) }
        if let missing = OwnerFileRules.missing(kind, given: given) {
            let label: Text = switch missing {
            case .summary: Text("内容", "Content")
            case .agreementNo: Text("协议编号", "Agreement no.")
            case .handoverItems: Text("钥匙与表读数", "Keys and meter readings")
            case .tenant: Text("租户", "Tenant")
            case .termFrom: Text("租期起", "Term from")
            case .termTo: Text("租期止", "Term to")
            }
            throw AppError.validation(missing.rawValue, Text("请填写" + label.zh, label.en + " is required"))
        }
        if let from, let to, !OwnerFileRules.termIsValid(from: from, to: to) {
            throw AppError.validation("termTo", Text("租期止不能早于租期起", "The term cannot end before it starts"))
        }
        let rental = kind == .rental
        let at = Clock.millis(date)
        return try await store.write { db in
            let (unit, path) = try await Self.workableUnit(db, id: unitId, actor: actor)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_file_entries (id, unit_id, org_path, kind, entry_on, summary, agreement_no, handover_items, tenant, term_from, term_to, agent,
                    status, created_at, created_by, updated_at)
                VALUES (\(bind: id), \(bind: unitId), \(bind: path), \(bind: kind.rawValue), \(bind: on.iso), \(bind: summary),
                    \(bind: kind == .agreement ? agreementNo : nil), \(bind: kind == .handover ? items : nil), \(bind: rental ? tenant : nil),
                    \(bind: rental ? from?.iso : nil), \(bind: rental ? to?.iso : nil), \(bind: rental ? agent : nil),
                    \(bind: kind == .renovation ? RenovationStatus.applied.rawValue : nil), \(bind: at), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "file_entry", entity: "property_unit", entityId: unitId,
                                        detail: ["unit": unit.building + " " + unit.room, "kind": kind.rawValue, "entry": id], at: at)
            return try await OwnerFileQueries.entry(db, id: id, viewer: actor)
        }
    }

    /// PRP-06 a renovation step: approve, reject (reason), a supervision note, accept (passed, or failed with the defects).
    public func step(entryId: String, _ action: RenovationAction, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> OwnerFileEntryView {
        try Self.require(Self.allowed(action), actor, action == .supervise ? Self.recorderOnly
                         : Text("只有物业客服管理员或客服经理可以审批、验收装修", "Only the property CS admin or the CS manager approves and accepts renovations"))
        let passedText = TextRules.trimmed(b["passed"])?.lowercased()
        guard action != .accept || passedText != nil else {
            throw AppError.validation("passed", Text("请选择验收结果（合格或不合格）", "Say whether the renovation passed"))
        }
        let passed = passedText.map { ["true", "1", "yes", "passed", "合格"].contains($0) } ?? true
        let noteLabel: Text = switch action {
        case .reject: Text("驳回原因", "Reason")
        case .supervise: Text("监督记录", "Supervision note")
        case .accept: Text("整改问题", "Defects")
        case .approve: Text("意见", "Note")
        }
        let note = try PropertyInput.text(b["note"], field: "note", label: noteLabel, max: 2000, required: OwnerFileRules.noteRequired(action, passed: passed))
        let on = try Self.day(b["actedOn"], field: "actedOn", label: Text("日期", "Date"), today: Times.day(date))
        let at = Clock.millis(date)
        return try await store.write { db in
            let e = try await OwnerFileQueries.entry(db, id: entryId, viewer: actor)
            guard OwnerFileRules.may(Self.allowed(action), roles: actor.roles, userPath: actor.orgPath, unitPath: e.orgPath) else { throw AppError.forbidden(Self.outside) }
            guard e.kind == .renovation, let status = e.status else {
                throw AppError(.unprocessableContent, "not_renovation", Text("这条档案不是装修记录", "This entry is not a renovation"), details: [:])
            }
            guard let next = OwnerFileRules.next(status, action, passed: passed) else {
                throw AppError.conflict("renovation_step_not_allowed", Text("装修当前状态不能进行此步骤", "The renovation's state does not allow this step"))
            }
            guard try await db.raw("""
                UPDATE property_file_entries SET status = \(bind: next.rawValue), updated_at = \(bind: at)
                WHERE id = \(bind: entryId) AND status = \(bind: status.rawValue) RETURNING id
                """).first() != nil else {
                throw AppError.conflict("renovation_changed", Text("该装修记录刚刚已变更，请刷新后再试", "The renovation changed a moment ago: reload and retry"))
            }
            try await db.raw("""
                INSERT INTO property_renovation_steps (id, entry_id, action, status_after, note, acted_on, acted_at, acted_by)
                VALUES (\(bind: Clock.newID()), \(bind: entryId), \(bind: action.rawValue), \(bind: next.rawValue), \(bind: note), \(bind: on.iso), \(bind: at),
                    \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "renovation_" + action.rawValue, entity: "property_file_entry", entityId: entryId,
                                        detail: ["status": next.rawValue], at: at)
            return try await OwnerFileQueries.entry(db, id: entryId, viewer: actor)
        }
    }

    // MARK: reads

    public func ownerFile(unitId: String, viewer: Principal) async throws -> PropertyOwnerFileView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await OwnerFileQueries.ownerFile(db, unitId: unitId, viewer: viewer) }
    }

    public func entry(id: String, viewer: Principal) async throws -> OwnerFileEntryView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await OwnerFileQueries.entry(db, id: id, viewer: viewer) }
    }
}

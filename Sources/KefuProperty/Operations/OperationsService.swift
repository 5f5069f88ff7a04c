import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The service centre's logs (#14): PRP-07 building patrols and vacant-unit checks, PRP-04 the supervisor's daily
/// review, PRP-10 owner proposals and their submissions. Each change: permission and scope, validation, one
/// transaction, an audit-trail entry.
public struct PropertyOperationsService: Sendable {
    let store: any Store
    let complaints: any PropertyComplaintSource
    /// #14 item 6: whether the property feature is on where a new log is written.
    let features: any FeatureGate

    public init(store: any Store, complaints: any PropertyComplaintSource, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.complaints = complaints
        self.features = features
    }

    static func require(_ roles: Set<Role>, _ viewer: Principal, _ message: Text) throws {
        guard !viewer.roles.isDisjoint(with: roles) else { throw AppError.forbidden(message) }
    }

    static func requireReader(_ viewer: Principal) throws {
        try require(PropertyRules.readers, viewer, Text("您不能查看物业管理记录", "You cannot see the property logs"))
    }

    /// "XL-2026-000001": per kind and year, gapless (a counter row moved in the record's own transaction).
    static func nextNumber(_ db: any SQLDatabase, _ prefix: String, day: CivilDay) async throws -> String {
        PropertyLogNumber.make(prefix, year: day.year, sequence: try await Counters.next("property:\(prefix):\(day.year)", in: db))
    }

    // MARK: patrols (PRP-07)

    public func recordPatrol(estateId: String, _ body: PropertyPatrolBody, by actor: Principal, now date: Date = Date()) async throws -> PatrolView {
        try Self.require(PropertyOperationsRules.recorders, actor, Text("只有物业客服管理员可以登记巡楼", "Only the property CS admin records patrols"))
        let b = body.fields, today = Times.day(date)
        let on = try OperationsInput.pastDay(b["patrolledOn"], field: "patrolledOn", label: Text("巡楼日期", "Patrol date"), today: today)
        let time = try OperationsInput.time(b["patrolledTime"], field: "patrolledTime")
        let buildings = try PropertyInput.text(b["buildings"], field: "buildings", label: Text("巡查楼栋", "Buildings patrolled"), max: 200, required: true)!
        let patroller = try PropertyInput.text(b["patroller"], field: "patroller", label: Text("巡查人", "Patroller"), max: 60, required: false) ?? actor.displayName
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("备注", "Note"), max: 500, required: false)
        guard body.findings.count <= OperationsInput.maxFindings else {
            throw AppError.validation("findings", Text("一次最多 \(OperationsInput.maxFindings) 个问题", "At most \(OperationsInput.maxFindings) findings"))
        }
        let findings = try body.findings.enumerated().map { try OperationsInput.finding($0.element, row: $0.offset) }
        let status = PropertyOperationsRules.patrolStatus(findings: findings.count)
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, features: features) // #14 item 6
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, "XL", day: on)
            try await db.raw("""
                INSERT INTO property_patrols (id, number, estate_id, org_path, patrolled_on, patrolled_time, buildings, patroller, status, findings, note,
                    recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: path), \(bind: on.iso), \(bind: time), \(bind: buildings), \(bind: patroller),
                    \(bind: status.rawValue), \(bind: findings.count), \(bind: note), \(bind: at), \(bind: actor.userId))
                """).run()
            for (i, f) in findings.enumerated() {
                try await db.raw("""
                    INSERT INTO property_patrol_findings (patrol_id, sort, location, description, disposition, ticket_ref)
                    VALUES (\(bind: id), \(bind: i), \(bind: f.location), \(bind: f.description), \(bind: f.disposition.rawValue), \(bind: f.ticketRef))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_patrol", entityId: id,
                                        detail: ["number": number, "status": status.rawValue, "findings": String(findings.count)], at: at)
            return try await OperationsQueries.patrol(db, id: id, viewer: actor)
        }
    }

    public func patrols(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<PatrolView> {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.LogFilter.parse(query)
        return try await store.read { db in try await OperationsQueries.patrols(db, f, paging: paging, viewer: viewer) }
    }

    public func patrol(id: String, viewer: Principal) async throws -> PatrolView {
        try Self.requireReader(viewer)
        return try await store.read { db in try await OperationsQueries.patrol(db, id: id, viewer: viewer) }
    }

    // MARK: vacant units (PRP-07)

    public func recordVacantCheck(estateId: String, _ b: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> VacantCheckView {
        try Self.require(PropertyOperationsRules.recorders, actor, Text("只有物业客服管理员可以登记空置房检查", "Only the property CS admin records vacant-unit checks"))
        let today = Times.day(date)
        let building = try PropertyInput.text(b["building"], field: "building", label: Text("楼栋", "Building"), max: 40, required: true)!
        let room = try PropertyInput.text(b["room"], field: "room", label: Text("房号", "Room"), max: 40, required: true)!
        let on = try OperationsInput.pastDay(b["checkedOn"], field: "checkedOn", label: Text("检查日期", "Check date"), today: today)
        let checker = try PropertyInput.text(b["checker"], field: "checker", label: Text("检查人", "Checker"), max: 60, required: false) ?? actor.displayName
        let doors = try OperationsInput.state(b, "doors", Text("门", "Doors")), windows = try OperationsInput.state(b, "windows", Text("窗", "Windows"))
        let water = try OperationsInput.state(b, "water", Text("水", "Water")), power = try OperationsInput.state(b, "power", Text("电", "Power"))
        let note = try PropertyInput.text(b["note"], field: "note", label: Text("情况说明", "Note"), max: 500, required: false)
        if note == nil, PropertyOperationsRules.vacantNoteRequired([doors, windows, water, power]) {
            throw AppError.validation("note", Text("有异常时请在情况说明中写明", "Say what is wrong in the note"))
        }
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, features: features) // #14 item 6
            guard let unit = try await OperationsQueries.unit(db, estateId: estateId, building: building, room: room) else {
                throw AppError.validation("room", Text("本小区没有房屋 \(building) \(room)", "The estate has no unit \(building) \(room)"))
            }
            guard unit.use == PropertyUnitUse.vacant.rawValue else {
                throw AppError(.unprocessableContent, "unit_not_vacant", Text("房屋 \(building) \(room) 不是空置房", "The unit \(building) \(room) is not vacant"),
                               details: ["field": "room"])
            }
            let id = Clock.newID()
            let number = try await Self.nextNumber(db, "KZ", day: on)
            try await db.raw("""
                INSERT INTO property_vacant_checks (id, number, estate_id, unit_id, org_path, checked_on, checker, doors, windows, water, power, note,
                    recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: unit.id), \(bind: path), \(bind: on.iso), \(bind: checker), \(bind: doors.rawValue),
                    \(bind: windows.rawValue), \(bind: water.rawValue), \(bind: power.rawValue), \(bind: note), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_vacant_check", entityId: id,
                                        detail: ["number": number, "unit": "\(building) \(room)"], at: at)
            guard let row = try await db.raw("\(unsafeRaw: OperationsQueries.checkSelect) WHERE v.id = \(bind: id)").first() else {
                throw AppError.notFound(Text("空置房检查", "Vacant-unit check"))
            }
            return try OperationsQueries.checkRow(row)
        }
    }

    public func vacantChecks(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<VacantCheckView> {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.LogFilter.parse(query)
        return try await store.read { db in try await OperationsQueries.vacantChecks(db, f, paging: paging, viewer: viewer) }
    }

    public func vacantUnits(estateId: String, viewer: Principal) async throws -> [VacantUnitView] {
        try Self.requireReader(viewer)
        return try await store.read { db in
            _ = try await PropertyQueries.estate(db, id: estateId, viewer: viewer)
            return try await OperationsQueries.vacantUnits(db, estateId: estateId, viewer: viewer)
        }
    }
}

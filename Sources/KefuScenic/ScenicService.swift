import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The scenic area's visitor services (篇11): free-entry checks (VIS-03), lost-person cases (VIS-04), wheelchair and
/// stroller lending (LND-03/04), special-group reception plans (VIS-05). Each change: permission and scope,
/// validation, one transaction, an audit-trail entry. The rules are in `KefuDomain/Scenic`.
public struct ScenicService: Sendable {
    let store: any Store
    /// VIS-05: the departments a reception plan is sent to are told in the bell.
    let notifier: any HandOffNotifier
    /// #14 item 6: whether the scenic feature is on at the record's unit.
    let features: any FeatureGate

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.notifier = notifier
        self.features = features
    }

    /// The unit a new record is for (`unit`), where the scenic feature must be on (#14 item 6: 403 `feature_off`).
    func newRecordUnit(_ db: any SQLDatabase, _ body: ScenicBody, actor: Principal) async throws -> (id: String, path: String) {
        let unit = try await Self.unit(db, body, actor: actor)
        try await features.requireOn(.scenic, unitId: unit.id, in: db)
        return unit
    }

    /// The unit a write is for (`orgUnitId`, default the caller's unit), in the caller's unit and below (403 otherwise).
    static func unit(_ db: any SQLDatabase, _ body: ScenicBody, actor: Principal) async throws -> (id: String, path: String) {
        let unitId = TextRules.trimmed(body["orgUnitId"]) ?? actor.orgUnitId
        guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
            throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
        }
        try ScenicQueries.requireScope(actor, path)
        return (unitId, path)
    }

    // MARK: VIS-03 free entry

    public enum IDKind: String, CaseIterable, Sendable {
        /// 居民身份证: the birth date is read from the number, whose check digit must hold.
        case residentId = "resident_id"
        /// Any other ID (passport, 港澳台 permit, 老年证 …): the birth date is typed from it.
        case other
    }

    /// Checks a visitor for free entry on the visit day (default today) and records the check; under 70 it is refused
    /// (422 `under_free_age`) and nothing is stored: only the free entries granted are the register (VIS-03).
    public func checkFreeEntry(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> FreeEntryView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let name = try ScenicInput.required(body["visitorName"], field: "visitorName", label: Text("游客姓名", "Visitor's name"), max: 60)
        let kind = try ScenicInput.choice(body["idKind"], IDKind.self, field: "idKind", label: Text("证件类型", "ID kind"), default: .residentId)
        let gate = try ScenicInput.required(body["gate"], field: "gate", label: Text("检票口", "Gate"), max: 60)
        let visit = try TextRules.trimmed(body["visitDate"]) == nil ? now.day : ScenicInput.day(body["visitDate"], field: "visitDate", label: Text("游览日期", "Visit date"))
        let number = try ScenicInput.required(body["idNumber"], field: "idNumber", label: Text("证件号码", "ID number"), max: 40)
        let born: CivilDay
        let normalised: String
        switch kind {
        case .residentId:
            normalised = ResidentIDNumber.normalised(number)
            switch ResidentIDNumber.birthDate(number) {
            case .success(let d): born = d
            case .failure(let e):
                let message: Text
                switch e.problem {
                case .length: message = Text("居民身份证号码应为 18 位", "A resident ID number has 18 characters")
                case .characters: message = Text("居民身份证号码应为 17 位数字加 1 位数字或 X", "A resident ID number is 17 digits and a digit or X")
                case .checkDigit: message = Text("居民身份证号码校验位不符，请核对证件（GB 11643）", "The ID number's check digit is wrong: check the card again (GB 11643)")
                case .birthDate: message = Text("居民身份证号码中的出生日期无效", "The birth date in the ID number does not exist")
                }
                throw AppError(.unprocessableContent, e.problem.rawValue, message, details: ["field": "idNumber"])
            }
        case .other:
            normalised = UsualInput.halfWidth(number).uppercased().filter { !$0.isWhitespace }
            born = try ScenicInput.day(body["birthDate"], field: "birthDate", label: Text("出生日期", "Birth date"))
        }
        let age: Int
        switch FreeEntryRules.decide(born: born, visitDate: visit) {
        case .refused(let a):
            throw AppError(.unprocessableContent, "under_free_age",
                           Text("\(name) 于 \(visit.iso) 为 \(max(a, 0)) 岁（出生 \(born.iso)），未满 \(FreeEntryRules.freeAge) 周岁，不能免票入园；本次核验不登记（VIS-03）",
                                "\(name) is \(max(a, 0)) on \(visit.iso) (born \(born.iso)), under \(FreeEntryRules.freeAge): no free entry; this check is not recorded (VIS-03)"),
                           details: ["field": "idNumber", "age": String(a)])
        case .free(let a): age = a
        }
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO scenic_free_entries (id, org_unit_id, org_path, visitor_name, id_kind, id_masked, birth_date, age, gate, visit_date, checked_at, checked_by)
                VALUES (\(bind: id), \(bind: unitId), \(bind: unitPath), \(bind: name), \(bind: kind.rawValue), \(bind: FreeEntryRules.masked(normalised)),
                    \(bind: born.iso), \(bind: age), \(bind: gate), \(bind: visit.iso), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "free_entry", entity: "scenic_free_entry", entityId: id,
                                        detail: ["age": String(age), "gate": gate, "visitDate": visit.iso], at: now.millis)
            return try await ScenicQueries.freeEntry(db, id: id)
        }
    }

    public func freeEntries(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<FreeEntryView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.freeEntries(db, query, paging: paging, viewer: viewer) }
    }
}

import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// LND-03/04 wheelchairs and strollers (VIS-02: venue ops): items, a loan (free) or rental (fee and deposit, in fen),
/// the return with its check, a damaged item sent at once to the repair shop and back when repaired.
extension ScenicService {
    static let itemEntity = "scenic_item"

    public func addItem(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ScenicItemView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let code = try ScenicInput.required(body["code"], field: "code", label: Text("编号", "Code"), max: 40).uppercased()
        let kind = try ScenicInput.choice(body["kind"], LendingRules.ItemKind.self, field: "kind", label: Text("种类", "Kind"))
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor)
            if try await db.raw("SELECT id FROM scenic_items WHERE code = \(bind: code)").first() != nil {
                throw AppError(.conflict, "code_taken", Text("编号 \(code) 已被使用", "The code \(code) is taken"), details: ["field": "code"])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO scenic_items (id, code, kind, org_unit_id, org_path, status, created_at, updated_at)
                VALUES (\(bind: id), \(bind: code), \(bind: kind.rawValue), \(bind: unitId), \(bind: unitPath), 'available', \(bind: now.millis), \(bind: now.millis))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.itemEntity, entityId: id, detail: ["code": code, "kind": kind.rawValue], at: now.millis)
            return try await ScenicQueries.item(db, id: id, viewer: actor)
        }
    }

    /// Due back: "17:30" (today), "2026-12-02 17:30", or blank (today 18:00, the area's closing — a decision, the seed is silent).
    static func dueBack(_ raw: String?, now: ScenicNow) throws -> Int64 {
        let zoneMillis = Int64(Times.zone.secondsFromGMT()) * 1000
        func at(_ day: CivilDay, _ minute: Int) -> Int64 { Int64(day.number) * 86_400_000 + Int64(minute) * 60_000 - zoneMillis }
        guard let t = TextRules.trimmed(raw) else { return at(now.day, 18 * 60) }
        let bad = AppError.validation("dueBack", Text("归还时间应为 17:30 或 2026-12-02 17:30", "Due back must be like 17:30 or 2026-12-02 17:30"))
        if let dm = UsualInput.dayAndMinute(t) { return at(dm.day, dm.minute) }
        if let dm = UsualInput.dayAndMinute(now.day.iso + " " + t) { return at(dm.day, dm.minute) }
        throw bad
    }

    /// Lends (free) or rents out an available item (409 `not_available` otherwise).
    public func lendItem(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ScenicLoanView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let kind = try ScenicInput.choice(body["kind"], LendingRules.LoanKind.self, field: "kind", label: Text("方式", "Lend or rent"), default: .lend)
        let fee = try ScenicInput.fen(body["fee"], field: "fee", label: Text("租金", "Fee"))
        let deposit = try ScenicInput.fen(body["deposit"], field: "deposit", label: Text("押金", "Deposit"))
        switch LendingRules.moneyProblem(kind: kind, feeFen: fee, depositFen: deposit) {
        case .feeRequired?: throw AppError.validation("fee", Text("租用须填写租金", "A rental needs its fee"))
        case .lendIsFree?: throw AppError.validation("fee", Text("借用免费，不收租金和押金；收费请选“租用”", "A loan is free, without fee or deposit: choose rent to charge"))
        case nil: break
        }
        let borrower = try ScenicInput.required(body["borrowerName"], field: "borrowerName", label: Text("借用人", "Borrower"), max: 60)
        let phone = try ScenicInput.required(body["borrowerPhone"], field: "borrowerPhone", label: Text("借用人电话", "Borrower's phone"), max: 40)
        let idNote = try ScenicInput.text(body["idNote"], field: "idNote", label: Text("证件说明", "ID note"), max: 100, required: false)
        let due = try Self.dueBack(body["dueBack"], now: now)
        return try await store.write { db in
            let item = try await ScenicQueries.item(db, id: id, viewer: actor)
            guard let next = LendingRules.next(item.status, .lendOut),
                  try await db.raw("UPDATE scenic_items SET status = \(bind: next.rawValue), updated_at = \(bind: now.millis) WHERE id = \(bind: id) AND status = 'available' RETURNING id").first() != nil else {
                throw AppError.conflict("not_available", Text("\(item.code) 当前不可借出（\(ScenicLabels.itemStatus(item.status).zh)）", "\(item.code) cannot be lent now (\(ScenicLabels.itemStatus(item.status).en.lowercased()))"))
            }
            let loanId = Clock.newID()
            let number = try await ScenicInput.nextNumber(db, prefix: "LC", day: now.day)
            try await db.raw("""
                INSERT INTO scenic_loans (id, number, item_id, org_unit_id, org_path, kind, fee_fen, deposit_fen, borrower_name, borrower_phone, id_note, due_back, lent_at, lent_by)
                VALUES (\(bind: loanId), \(bind: number), \(bind: id), \(bind: item.orgUnitId), \(bind: item.orgPath), \(bind: kind.rawValue), \(bind: fee), \(bind: deposit),
                    \(bind: borrower), \(bind: TextRules.phoneKey(phone) ?? phone), \(bind: idNote), \(bind: due), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: kind.rawValue, entity: Self.itemEntity, entityId: id,
                                        detail: ["loan": number, "fee": Yuan.text(fee), "deposit": Yuan.text(deposit)], at: now.millis)
            return try await ScenicQueries.loan(db, id: loanId, viewer: actor)
        }
    }

    /// The return with the check (LND-04): ok → available; damaged → recorded and sent to the repair shop at once.
    public func returnLoan(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ScenicLoanView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let check = try ScenicInput.choice(body["check"], LendingRules.Check.self, field: "check", label: Text("检查结果", "Check"))
        let damage = try ScenicInput.text(body["damage"], field: "damage", label: Text("损坏情况", "What is damaged"), max: 500, required: check == .damaged)
        return try await store.write { db in
            let loan = try await ScenicQueries.loan(db, id: id, viewer: actor)
            let item = try await ScenicQueries.item(db, id: loan.itemId, viewer: actor)
            guard loan.returnedAt == nil, let next = LendingRules.next(item.status, .giveBack(check)) else {
                throw AppError.conflict("invalid_state", Text("该借用已归还", "This loan is already returned"))
            }
            let moved = try await db.raw("""
                UPDATE scenic_loans SET returned_at = \(bind: now.millis), returned_by = \(bind: actor.userId), return_check = \(bind: check.rawValue), damage = \(bind: damage)
                WHERE id = \(bind: id) AND returned_at IS NULL RETURNING id
                """).first()
            guard moved != nil else { throw AppError.conflict("invalid_state", Text("该借用已归还", "This loan is already returned")) }
            try await db.raw("UPDATE scenic_items SET status = \(bind: next.rawValue), updated_at = \(bind: now.millis) WHERE id = \(bind: item.id)").run()
            if check == .damaged {
                try await db.raw("""
                    INSERT INTO scenic_repairs (id, item_id, loan_id, damage, sent_at, sent_by)
                    VALUES (\(bind: Clock.newID()), \(bind: item.id), \(bind: id), \(bind: damage ?? ""), \(bind: now.millis), \(bind: actor.userId))
                    """).run()
            }
            var detail = ["loan": loan.number, "check": check.rawValue]
            if let damage { detail["damage"] = damage }
            try await AuditTrail.record(db, actorId: actor.userId, action: "return", entity: Self.itemEntity, entityId: item.id, detail: detail, at: now.millis)
            return try await ScenicQueries.loan(db, id: id, viewer: actor)
        }
    }

    /// The repair shop gave the item back: available again.
    public func markRepaired(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> ScenicItemView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let note = try ScenicInput.text(body["note"], field: "note", label: Text("维修说明", "Repair note"), max: 500, required: false)
        return try await store.write { db in
            let item = try await ScenicQueries.item(db, id: id, viewer: actor)
            guard let next = LendingRules.next(item.status, .repaired),
                  try await db.raw("UPDATE scenic_items SET status = \(bind: next.rawValue), updated_at = \(bind: now.millis) WHERE id = \(bind: id) AND status = 'in_repair' RETURNING id").first() != nil else {
                throw AppError.conflict("invalid_state", Text("\(item.code) 不在维修中", "\(item.code) is not in repair"))
            }
            try await db.raw("""
                UPDATE scenic_repairs SET repaired_at = \(bind: now.millis), repaired_by = \(bind: actor.userId), repair_note = \(bind: note)
                WHERE item_id = \(bind: id) AND repaired_at IS NULL
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "repaired", entity: Self.itemEntity, entityId: id, detail: ["code": item.code], at: now.millis)
            return try await ScenicQueries.item(db, id: id, viewer: actor)
        }
    }

    /// An item's page: the item and its loans, newest first (one read).
    public func itemPage(id: String, viewer: Principal) async throws -> ScenicItemPageModel {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in
            let item = try await ScenicQueries.item(db, id: id, viewer: viewer)
            let loans = try await ScenicQueries.loans(db, ["itemId": id], paging: Paging(page: 1, per: 50), viewer: viewer).items
            return ScenicItemPageModel(item: item, loans: loans)
        }
    }

    public func items(viewer: Principal) async throws -> [ScenicItemView] {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.items(db, viewer: viewer) }
    }

    public func loan(id: String, viewer: Principal) async throws -> ScenicLoanView {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.loan(db, id: id, viewer: viewer) }
    }

    public func loans(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<ScenicLoanView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.loans(db, query, paging: paging, viewer: viewer) }
    }
}

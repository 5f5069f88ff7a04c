import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Every step of a tool loan (#13.5, LND-01, LND-02, LND-04): permission, validation, one transaction, an audit-trail
/// entry. A loan moves no stock: the tool stays on the site's books while it is out (临时借用).
public struct ToolLoanService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static let entity = "tool_loan"

    static func today(_ now: Date) -> CivilDay { CivilDay(iso: MaterialValidation.today(now)) ?? CivilDay(number: 0) }

    /// "JY-2026-000001" (借用), per year of the loan date, gapless: the counter moves in the loan's own transaction.
    static func nextNumber(_ db: any SQLDatabase, lentOn: String) async throws -> String {
        let year = String(lentOn.prefix(4))
        let digits = String(try await Counters.next("tool_loan:\(year)", in: db))
        return "JY-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A typed day of `field` (`2026-12-01`, `2026/12/1`, `2026年12月1日`); nil when left empty.
    static func day(_ typed: String?, field: String, now: Date) throws -> String? {
        guard TextRules.trimmed(typed) != nil else { return nil }
        do {
            return try MaterialValidation.date(typed, now: now)
        } catch {
            throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
        }
    }

    static func text(_ raw: String?, field: String, label: Text, max: Int) throws -> String {
        guard let t = TextRules.trimmed(raw) else {
            throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required"))
        }
        guard t.count <= max else {
            throw AppError.validation(field, Text(label.zh + "最长 {0} 字", label.en + " is at most {0} characters").with(String(max)))
        }
        return t
    }

    /// The form's fields, checked before the transaction.
    struct Checked: Sendable {
        let quantity: Quantity
        let borrower: String, workGroup: String, purpose: String
        let lentOn: String, dueOn: String
    }

    static func check(_ input: ToolLoanInput, now: Date) throws -> Checked {
        guard let quantity = input.quantity else {
            throw AppError.validation("quantity", Text("请填写借用数量", "The quantity is required"))
        }
        let borrower = try text(input.borrower, field: "borrower", label: ToolLoanLabels.borrower, max: 100)
        let workGroup = try text(input.workGroup, field: "workGroup", label: ToolLoanLabels.workGroup, max: 100)
        let purpose = try text(input.purpose, field: "purpose", label: ToolLoanLabels.purpose, max: 500)
        let lentOn = try day(input.lentOn, field: "lentOn", now: now) ?? MaterialValidation.today(now)
        guard let dueOn = try day(input.dueOn, field: "dueOn", now: now) else {
            throw AppError.validation("dueOn", Text("请填写归还日期", "The due-back date is required"))
        }
        return Checked(quantity: quantity, borrower: borrower, workGroup: workGroup, purpose: purpose, lentOn: lentOn, dueOn: dueOn)
    }

    /// The tool by id or code: it must exist and be active.
    static func item(_ db: any SQLDatabase, id: String?, code: String?) async throws -> String {
        let row: (any SQLRow)?
        if let id = TextRules.trimmed(id) {
            row = try await db.raw("SELECT id, active FROM items WHERE id = \(bind: id)").first()
        } else if let code = TextRules.trimmed(code) {
            row = try await db.raw("SELECT id, active FROM items WHERE code = \(bind: code.uppercased()) OR code = \(bind: code)").first()
        } else {
            throw AppError.validation("itemId", Text("请从本现场现存量中选择借出的工具", "Pick the tool from the site's on-hand list"))
        }
        guard let row else { throw AppError.validation("itemId", Text("存货不存在", "The item does not exist")) }
        guard try row.decode(column: "active", as: Int.self) != 0 else {
            throw AppError.validation("itemId", Text("该存货已停用", "The item is deactivated"))
        }
        return try row.decode(column: "id", as: String.self)
    }

    // MARK: lend

    /// LND-01: the site's keeper or lead writes the loan form; the tool is one of the warehouse's on-hand items and no
    /// more than the site holds less what is already out may be lent.
    public func create(_ input: ToolLoanInput, by actor: Principal, now: Date = Date()) async throws -> ToolLoanView {
        try MaterialAccess.requireViewer(actor)
        let c = try Self.check(input, now: now)
        let today = Self.today(now)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            guard ToolLoanRules.mayLend(roles: actor.roles, userPath: actor.orgPath, warehousePath: w.orgPath) else {
                throw AppError.forbidden(Text("只有本现场的保管员或现场总代表可以登记工具借用（LND-01）",
                                              "Only the site's keeper or site lead lends its tools (LND-01)"))
            }
            guard w.conditionValue == .good else {
                throw AppError.validation("warehouseId", Text("只能借出完好品库的工具", "Only tools of a good-item warehouse are lent"))
            }
            let itemId = try await Self.item(db, id: input.itemId, code: input.itemCode)
            // The tool's balance row, locked on PostgreSQL: two loans of one tool take turns, so neither lends what the other took.
            guard let balance = try await db.raw("""
                SELECT quantity FROM stock_balances WHERE warehouse_id = \(bind: w.id) AND item_id = \(bind: itemId)\(unsafeRaw: lock)
                """).first() else {
                throw AppError(.unprocessableContent, "item_not_on_site_list",
                               Text("借出的工具必须从本现场的现存量清单中选择", "The tool lent must be one of the site's on-hand items"), details: ["field": "itemId"])
            }
            let onHand = Quantity(milli: try balance.decode(column: "quantity", as: Int64.self))
            let lentOut = try await ToolLoanQueries.lentOut(db, warehouseId: w.id, itemId: itemId)
            if let problem = ToolLoanRules.checkLoan(quantity: c.quantity, onHand: onHand, lentOut: lentOut, lentOn: CivilDay(iso: c.lentOn)!,
                                                     dueOn: CivilDay(iso: c.dueOn)!, today: today) {
                throw Self.refusal(problem)
            }
            let id = Clock.newID(), at = Clock.millis(now)
            let number = try await Self.nextNumber(db, lentOn: c.lentOn)
            try await db.raw("""
                INSERT INTO tool_loans (id, number, warehouse_id, org_path, item_id, quantity, borrower, work_group, purpose, lent_on, due_on, status,
                    created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: w.id), \(bind: w.orgPath), \(bind: itemId), \(bind: c.quantity.milli), \(bind: c.borrower),
                    \(bind: c.workGroup), \(bind: c.purpose), \(bind: c.lentOn), \(bind: c.dueOn), 'open', \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id,
                                        detail: ["number": number, "warehouse": w.code, "quantity": c.quantity.text, "borrower": c.borrower, "dueOn": c.dueOn], at: at)
            return try await ToolLoanQueries.view(db, id: id, viewer: actor, today: today)
        }
    }

    // MARK: return

    /// LND-01, LND-04: the whole loan comes back once; the site lead signs it off (the user and the time are kept); a
    /// damaged tool says what is wrong and is recorded as sent to the repair shop.
    public func returnLoan(id: String, _ input: ToolLoanReturnInput, by actor: Principal, now: Date = Date()) async throws -> ToolLoanView {
        let condition: ToolLoanCondition = try MaterialValidation.choice(input.condition, "condition", default: .good)
        let returnedOn = try Self.day(input.returnedOn, field: "returnedOn", now: now) ?? MaterialValidation.today(now)
        let note = TextRules.trimmed(input.note)
        if let note, note.count > 500 {
            throw AppError.validation("note", Text("说明最长 500 字", "The note is at most 500 characters"))
        }
        let today = Self.today(now)
        let lock = store.dialect.rowLock(of: "t")
        return try await store.write { db in
            guard let t = try await ToolLoanQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("工具借用单", "Tool loan")) }
            try ToolLoanQueries.requireView(actor, t)
            guard ToolLoanRules.maySignOffReturn(roles: actor.roles, userPath: actor.orgPath, warehousePath: t.warehouse.orgPath) else {
                throw AppError.forbidden(Text("归还须由本现场的现场总代表签字确认（LND-01）", "The return is signed off by the site's lead (LND-01)"))
            }
            if let problem = ToolLoanRules.checkReturn(status: t.status, lentOn: CivilDay(iso: t.lentOn) ?? today, returnedOn: CivilDay(iso: returnedOn)!,
                                                       today: today, condition: condition, note: note) {
                throw Self.refusal(problem)
            }
            let at = Clock.millis(now)
            let repair = ToolLoanRules.sendsToRepair(condition)
            try await db.raw("""
                UPDATE tool_loans SET status = 'returned', returned_on = \(bind: returnedOn), returned_quantity = \(bind: t.quantity.milli),
                    return_condition = \(bind: condition.rawValue), return_note = \(bind: note), sent_to_repair = \(bind: repair ? 1 : 0),
                    signed_off_by = \(bind: actor.userId), signed_off_at = \(bind: at), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "return", entity: Self.entity, entityId: id,
                                        detail: ["number": t.number, "returnedOn": returnedOn, "condition": condition.rawValue, "sentToRepair": repair ? "yes" : "no"], at: at)
            return try await ToolLoanQueries.view(db, id: id, viewer: actor, today: today)
        }
    }

    /// A rule's refusal as the API answers it: 409 for a loan already returned, 422 naming the field otherwise.
    static func refusal(_ p: ToolLoanRules.Problem) -> AppError {
        switch p {
        case .quantityNotPositive:
            return AppError.validation("quantity", Text("借用数量必须大于零", "The quantity must be above zero"))
        case .notEnoughOnSite(let available):
            return AppError(.unprocessableContent, "not_enough_on_site",
                            Text("本现场可借数量只有 {0}（现存量减去未归还的借用）", "Only {0} can be lent (on hand less what is still out)").with(available.text),
                            details: ["field": "quantity"])
        case .dueBeforeLent:
            return AppError.validation("dueOn", Text("归还日期不能早于借出日期", "The due-back date cannot be before the loan date"))
        case .lentInFuture:
            return AppError.validation("lentOn", Text("借出日期不能晚于今天", "The loan date cannot be after today"))
        case .returnedBeforeLent:
            return AppError.validation("returnedOn", Text("归还日期不能早于借出日期", "The return date cannot be before the loan date"))
        case .returnedInFuture:
            return AppError.validation("returnedOn", Text("归还日期不能晚于今天", "The return date cannot be after today"))
        case .damageNoteRequired:
            return AppError.validation("note", Text("损坏归还须写明损坏情况（LND-04）", "A damaged return says what is wrong (LND-04)"))
        case .alreadyReturned:
            return AppError.conflict("already_returned", Text("该借用单已归还，不能重复归还", "This loan is already returned"))
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal, now: Date = Date()) async throws -> ToolLoanView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await ToolLoanQueries.view(db, id: id, viewer: viewer, today: Self.today(now)) }
    }

    /// LND-02: the register (open, overdue or all), in the viewer's scope.
    public func list(_ q: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<ToolLoanView> {
        try MaterialAccess.requireViewer(viewer)
        let filter = try ToolLoanQueries.Filter.parse(q)
        return try await store.read { db in try await ToolLoanQueries.list(db, filter, paging: paging, viewer: viewer, today: Self.today(now)) }
    }
}

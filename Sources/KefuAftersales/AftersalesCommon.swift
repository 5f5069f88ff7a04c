import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Permission checks of the procedure: a denial is 403 naming who may act.
enum AftersalesAccess {
    static func who(_ permission: AftersalesPermission) -> Text {
        switch permission {
        case .customerService: return Text("客服人员", "customer-service staff")
        case .quality: return Text("品管部", "the quality department (QA)")
        case .repairGroup: return Text("维修组", "the repair group")
        case .approveActions: return Text("管理者代表", "the management representative")
        case .salesperson: return Text("区域业务员", "the regional salesperson")
        case .salesManager: return Text("销售部经理", "the sales manager")
        case .finance: return Text("财务", "finance")
        case .supervise: return Text("客服主管", "a CS supervisor")
        case .setQualityTarget: return Text("总部客服经理", "a head-office CS manager")
        case .view: return Text("公司员工", "staff")
        }
    }

    static func require(_ p: Principal, _ permission: AftersalesPermission) throws {
        guard AftersalesPermission.granted(permission, to: p.roles) else {
            let w = who(permission)
            throw AppError.forbidden(Text("只有\(w.zh)可以执行此操作", "Only \(w.en) can do this"))
        }
    }

    static func requireAny(_ p: Principal, _ permissions: [AftersalesPermission]) throws {
        guard permissions.contains(where: { AftersalesPermission.granted($0, to: p.roles) }) else {
            let names = permissions.map(who)
            throw AppError.forbidden(Text("只有\(names.map(\.zh).joined(separator: "或"))可以执行此操作",
                                          "Only \(names.map(\.en).joined(separator: " or ")) can do this"))
        }
    }
}

/// #10.2: the unit scope of after-sales records (`AftersalesScope`), in Swift and in SQL.
enum AftersalesRecords {
    /// A record outside the viewer's scope is answered 404, as if it did not exist.
    static func requireInScope(_ p: Principal, recordPath: String, responsiblePath: String? = nil, _ what: Text) throws {
        guard AftersalesScope.covers(roles: p.roles, userPath: p.orgPath, recordPath: recordPath, responsiblePath: responsiblePath) else {
            throw AppError.notFound(what)
        }
    }

    /// The SQL condition selecting the records in scope: `column` is the record's org path; `responsibleUnit`, when
    /// given, the column of a complaint's responsible unit id.
    static func condition(_ p: Principal, path column: String, responsibleUnit: String? = nil) -> SQLQueryString {
        if AftersalesScope.coversEveryUnit(roles: p.roles, userPath: p.orgPath) { return "1 = 1" }
        let like = p.orgPath + "%"
        var s: SQLQueryString = "(\(unsafeRaw: column) LIKE \(bind: like)"
        if let responsibleUnit {
            s = s + " OR \(unsafeRaw: responsibleUnit) IN (SELECT id FROM org_units WHERE path LIKE \(bind: like))"
        }
        return s + ")"
    }
}

/// A refused step of a flow as the API answers it: 409 with the code naming the rule or the missing step.
enum FlowErrors {
    static let messages: [String: Text] = [
        "complaint_closed": Text("投诉已关闭", "The complaint is closed"),
        "already_classified": Text("投诉已分类", "The complaint is already classified"),
        "not_company_goes_to_customer_service": Text("非公司责任的投诉由客服解释处理，不转品管部", "A complaint that is not the company's responsibility is answered by customer service, not sent to QA"),
        "not_referred_to_quality": Text("投诉尚未转品管部", "The complaint has not been sent to QA"),
        "analysis_already_done": Text("原因分析阶段已结束", "The analysis stage is over"),
        "analysis_missing": Text("品管部尚未记录原因分析和责任归属", "QA has not recorded root cause and responsibility yet"),
        "no_internal_fault": Text("品管部未认定内部责任，无需纠正预防措施", "QA found no internal fault; no corrective action is planned"),
        "actions_missing": Text("责任部门尚未制定纠正与预防措施", "The responsible department has not planned corrective and preventive actions"),
        "actions_already_approved": Text("措施已批准", "The actions are already approved"),
        "approval_missing": Text("纠正与预防措施尚未经管理者代表批准", "The actions are not yet approved by the management representative"),
        "review_meeting_not_allowed": Text("只能在调查或制定措施阶段召开会审", "A joint review is held only while investigating or planning"),
        "already_confirmed": Text("顾客已确认", "The customer has already confirmed"),
        "customer_confirmation_missing": Text("尚未记录顾客确认", "The customer's confirmation is not recorded yet"),
        "already_verified": Text("已验证", "Already verified"),
        "verification_missing": Text("品管部和客服尚未验证措施有效", "QA and customer service have not verified the actions as effective"),
        "classification_missing": Text("投诉尚未分类", "The complaint is not classified yet"),
        "repair_closed": Text("返修单已关闭", "The repair order is closed"),
        "already_diagnosed": Text("已完成检测", "Already diagnosed"),
        "diagnosis_missing": Text("维修组尚未检测", "The repair group has not diagnosed the unit yet"),
        "no_decision_pending": Text("没有待顾客确认的报价", "No fee quote is awaiting the customer's decision"),
        "customer_consent_missing": Text("尚未收到顾客签字同意维修", "The customer's signed consent to the repair is missing"),
        "not_under_repair": Text("返修品不在维修中", "The unit is not under repair"),
        "qc_pass_missing": Text("返修品未经品管检验合格，不能出库", "The unit has not passed QC and cannot ship"),
        "already_shipped": Text("已出库", "Already shipped"),
        "not_shipped": Text("尚未出库", "Not shipped yet"),
        "return_closed": Text("退换货单已关闭", "The return is closed"),
        "goods_already_received": Text("退回品已收到", "The returned goods are already received"),
        "goods_not_received": Text("尚未收到退回品", "The returned goods have not been received"),
        "already_inspected": Text("已检验", "Already inspected"),
        "no_quality_question": Text("顾客未对质量提出异议，无需品管检验", "The customer does not question quality; no QA inspection"),
        "inspection_missing": Text("品管部尚未出具检验报告", "QA has not issued the inspection report yet"),
        "already_decided": Text("已判定", "Already decided"),
        "override_not_needed": Text("只有被拒绝的退换货才需要特批", "Only a rejected return needs an override"),
        "return_rejected": Text("退换货不符合三个月质量规定，需销售部经理特批", "The return fails the 3-month quality rule; the sales manager must override"),
        "not_accepted": Text("退换货尚未判定受理", "The return has not been accepted yet"),
        "slip_missing": Text("尚未开具退回/换货品详单", "The return/exchange slip has not been issued"),
        "already_signed": Text("销售部经理已签字", "The sales manager has already signed"),
        "salesperson_annotation_missing": Text("区域业务员尚未注明发货日期和原因", "The regional salesperson has not annotated ship date and reason"),
        "already_booked": Text("财务已入账", "Finance has already booked it"),
        "sales_manager_signature_missing": Text("尚无销售部经理签字", "The sales manager's signature is missing"),
        "not_an_exchange": Text("这不是换货单", "This is not an exchange"),
        "replacement_already_shipped": Text("换货品已发出", "The replacement has already shipped"),
        "replacement_not_shipped": Text("换货品尚未发出", "The replacement has not shipped"),
        "finance_booking_missing": Text("财务尚未入账", "Finance has not booked it yet"),
    ]

    static func error(_ refusal: FlowRefusal) -> AppError {
        AppError.conflict(refusal.code, messages[refusal.code] ?? Text("不允许此操作：\(refusal.code)", "Not allowed: \(refusal.code)"))
    }

    static func check<S>(_ result: Result<S, FlowRefusal>) throws -> S {
        switch result {
        case .success(let s): return s
        case .failure(let r): throw error(r)
        }
    }
}

/// Field validation with messages in both languages.
enum Field {
    static func text(_ raw: String?, _ name: String, max: Int = 2000, required: Bool = true) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}", "{0} is required"), name)) }
        if let t, t.count > max { throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}最长 {1} 字", "{0} is at most {1} characters"), name, String(max))) }
        if let t, t.contains("\u{0}") { throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}含有无效字符", "{0} contains an invalid character"), name)) }
        return t
    }

    static func required(_ raw: String?, _ name: String, max: Int = 2000) throws -> String {
        try text(raw, name, max: max, required: true)!
    }

    static func bool(_ raw: Bool?, _ name: String) throws -> Bool {
        guard let raw else { throw AppError.validation(name, AftersalesFieldNames.message(Text("请选择{0}", "{0} is required (true or false)"), name)) }
        return raw
    }

    static func date(_ raw: String?, _ name: String, required: Bool = true) throws -> LocalDate? {
        guard let t = TextRules.trimmed(raw) else {
            if required { throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}（YYYY-MM-DD）", "{0} is required (YYYY-MM-DD)"), name)) }
            return nil
        }
        // #11.2: "2026/10/20" and "2026年10月20日" as well as 2026-10-20.
        guard let d = LocalDate(UsualInput.isoDay(t)) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}必须是日期，例如 2026-10-20 或 2026/10/20", "{0} must be a date YYYY-MM-DD"), name))
        }
        return d
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, _ name: String, _ type: E.Type) throws -> E where E.RawValue == String {
        guard let t = TextRules.trimmed(raw) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}", "{0} is required"), name))
        }
        guard let v = E(rawValue: t) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("请选择有效的{0}", "{0} must be one of: {1}"), name, E.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return v
    }

    static func id(_ raw: String?, _ name: String) throws -> String? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard t.count <= 64, t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}不是有效的编号", "{0} is not a valid id"), name))
        }
        return t
    }
}

/// Today's date in the organisation's zone (D11: dates are local calendar days).
enum Today {
    static func date(_ now: Date = Date()) -> LocalDate {
        let c = Times.calendar().dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func localDate(millis: Int64) -> LocalDate { date(Clock.date(millis: millis)) }
}

/// Human numbers per kind and year: TS2026-0001 (投诉), WX (返修), TH (退换货), and the slips.
enum Numbers {
    static func next(_ prefix: String, year: Int, _ db: any SQLDatabase) async throws -> String {
        let n = try await Counters.next("aftersales_\(prefix):\(year)", in: db)
        let s = String(n)
        return "\(prefix)\(year)-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

/// Tickets as after-sales reads them (read-only; the service desk owns the table).
struct TicketRef: Sendable {
    let id: String
    let number: String
    let subject: String
    let type: String
    let customerId: String?
    let customerName: String?
    let customerPhone: String?
    let orgUnitId: String
    let orgPath: String
    let teamPath: String?
    let ownerId: String?
    let assigneeId: String?

    static func load(_ db: any SQLDatabase, id: String) async throws -> TicketRef? {
        guard let row = try await db.raw("""
            SELECT t.id, t.number, t.subject, t.type, t.customer_id, t.org_unit_id, t.org_path, t.team_path, t.owner_id, t.assignee_id, c.name AS customer_name, c.phone AS customer_phone
            FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE t.id = \(bind: id)
            """).first() else { return nil }
        return TicketRef(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                         subject: try row.decode(column: "subject", as: String.self), type: try row.decode(column: "type", as: String.self),
                         customerId: try row.decode(column: "customer_id", as: String?.self), customerName: try row.decode(column: "customer_name", as: String?.self),
                         customerPhone: try row.decode(column: "customer_phone", as: String?.self),
                         orgUnitId: try row.decode(column: "org_unit_id", as: String.self), orgPath: try row.decode(column: "org_path", as: String.self),
                         teamPath: try row.str("team_path"), ownerId: try row.str("owner_id"), assigneeId: try row.str("assignee_id"))
    }
}

extension TicketRef {
    /// #10.2, #10.6: the ticket an after-sales record is created from, only when the creator may see it (its unit or
    /// the team handling it is in the creator's scope, or the creator owns or is assigned it); otherwise 404, so
    /// that neither the ticket nor its customer's name and phone leak.
    static func loadInScope(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> TicketRef {
        guard let t = try await load(db, id: id),
              AftersalesScope.covers(roles: viewer.roles, userPath: viewer.orgPath, recordPath: t.orgPath, responsiblePath: t.teamPath)
                || t.ownerId == viewer.userId || t.assigneeId == viewer.userId else {
            throw AppError.notFound(Text("工单", "Ticket"))
        }
        return t
    }
}

extension SQLRow {
    func int(_ c: String) throws -> Int? { try decode(column: c, as: Int?.self) }
    func flag(_ c: String) throws -> Bool? { try decode(column: c, as: Int?.self).map { $0 != 0 } }
    func str(_ c: String) throws -> String? { try decode(column: c, as: String?.self) }
    func millis(_ c: String) throws -> Int64? { try decode(column: c, as: Int64?.self) }
}

struct Items<T: Encodable & Sendable>: Encodable, Sendable { let items: [T] }

/// A page of rows of one table, optionally of one status, newest first.
enum StatusLists {
    static func page<T: Encodable & Sendable, S: RawRepresentable & CaseIterable>(
        _ store: any Store, table: String, newestFirst column: String, status raw: String?, _ type: S.Type, paging: Paging, scope: SQLQueryString,
        _ map: @escaping @Sendable (any SQLRow) throws -> T
    ) async throws -> ListPage<T> where S.RawValue == String {
        let status = try TextRules.trimmed(raw).map { try Field.choice($0, "status", S.self).rawValue }
        return try await store.read { db in
            let byStatus: SQLQueryString = status.map { "status = \(bind: $0)" } ?? "1 = 1"
            let cond: SQLQueryString = byStatus + " AND " + scope
            let total = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(cond)").first()!.decode(column: "n", as: Int.self)
            let rows = try await db.raw("SELECT * FROM \(unsafeRaw: table) WHERE \(cond) ORDER BY \(unsafeRaw: column) DESC, id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)").all()
            return ListPage(items: try rows.map(map), page: paging.page, per: paging.per, total: total)
        }
    }
}

import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// LND-03/04 as pages: the wheelchairs and strollers with their state and the add form; an item with the lend/rent
/// form (or "repaired" while in repair) and its loans; a loan with the return check.
extension ScenicPages {
    func registerLending(on router: Router<KefuContext>) {
        router.get("/scenic/items") { request, context in try await itemList(request, context) }
        router.post("/scenic/items") { request, context in try await addItem(request, context) }
        router.get("/scenic/items/:id") { request, context in try await itemDetail(request, context) }
        router.post("/scenic/items/:id/lend") { request, context in try await lend(request, context) }
        router.post("/scenic/items/:id/repaired") { request, context in try await repaired(request, context) }
        router.get("/scenic/loans/:id") { request, context in try await loanDetail(request, context) }
        router.post("/scenic/loans/:id/return") { request, context in try await giveBack(request, context) }
    }

    static func itemBadge(_ s: LendingRules.ItemStatus, _ l: AppLocale) -> HTML {
        "<span class=\"badge scenic-item-status\" data-status=\"\(s.rawValue)\">\(ScenicLabels.itemStatus(s), l)</span>"
    }

    func itemList(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let items = try await scenic.items(viewer: principal)
        let action = "\(Self.path)/items"
        let state = page.formState(action: action)
        let rows: [DataTable.Row] = items.map { i in
            let loan: HTML = i.loanId.map { "<a href=\"\(Self.path)/loans/\($0)\">\(i.loanNumber ?? "")</a> · \(i.borrowerName ?? "")" as HTML } ?? (i.damage.map { "\($0)" as HTML } ?? "—")
            return DataTable.Row(plain: ["<a class=\"scenic-item-link\" href=\"\(action)/\(i.id)\">\(i.code)</a>", "\(ScenicLabels.itemKind(i.kind), l)", "\(i.unitName)",
                                         "\(Self.itemBadge(i.status, l))", loan],
                                 attributes: "class=\"scenic-item-row\" data-id=\"\(i.id)\" data-code=\"\(i.code)\" data-status=\"\(i.status.rawValue)\"")
        }
        let headers = [Text("编号", "Code"), Text("种类", "Kind"), Text("单位", "Unit"), Text("状态", "State"), Text("借用或维修", "Loan or repair")].map { $0(l) }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有轮椅或婴儿车", "No wheelchairs or strollers yet"), l)</p>"
            : DataTable.render(id: "scenic-item-list", headers: headers, rows: rows)
        let kinds = LendingRules.ItemKind.allCases.map { ($0.rawValue, ScenicLabels.itemKind($0)(l)) }
        let body: HTML = """
        <h1 id="scenic-items-title">\(Text("轮椅和婴儿车", "Wheelchairs and strollers"), l)</h1>
        <p class="hint">\(Text("场馆运营部为残疾人、老人、幼儿提供轮椅或婴儿车，借用免费、租用收取租金和押金；归还时检查，损坏的立即送修（LND-03/04）。",
                              "Venue ops lends (free) or rents (fee and deposit) wheelchairs and strollers; on return each is checked, a damaged one goes to the repair shop at once (LND-03/04)."), l)</p>
        \(table)
        <section class="card no-print" id="scenic-item-add"><h2>\(Text("添加", "Add"), l)</h2>
        \(state.generalMessage(fields: ["code", "kind"], l, id: "form-error"))
        <form method="post" action="\(action)" id="scenic-item-form">\(page.csrfField)
        <div class="grid one-column">
        \(Self.textField(state, "item", "code", Text("编号", "Code"), l, attributes: "required"))
        \(Self.choice(state, "item", "kind", Text("种类", "Kind"), kinds, l))
        </div>
        <div class="actions"><button type="submit" id="scenic-item-save">\(Text("添加", "Add"), l)</button></div>
        </form></section>
        """
        return shell.render(page, title: Text("轮椅和婴儿车", "Wheelchairs and strollers"), active: "scenic-lending", body: body, breadcrumbs: .underActive).response()
    }

    func addItem(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        _ = try await scenic.addItem(ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/items?notice=item")
    }

    func itemDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let m = try await scenic.itemPage(id: try context.parameters.require("id"), viewer: principal)
        let i = m.item
        let base = "\(Self.path)/items/\(i.id)"
        var step: HTML = .empty
        switch i.status {
        case .available:
            let state = page.formState(action: base + "/lend")
            let kinds = LendingRules.LoanKind.allCases.map { ($0.rawValue, ScenicLabels.loanKind($0)(l)) }
            let fields: Set<String> = ["kind", "fee", "deposit", "borrowerName", "borrowerPhone", "idNote", "dueBack"]
            step = """
            <form method="post" action="\(base)/lend" id="scenic-lend-form" class="card no-print"><h2>\(Text("借出或租出", "Lend or rent"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: fields, l, id: "scenic-lend-error"))
            <div class="grid one-column">
            \(Self.choice(state, "lend", "kind", Text("方式", "Lend or rent"), kinds, l))
            \(Self.textField(state, "lend", "fee", Text("租金（元，租用填写）", "Fee (yuan, rentals)"), l, attributes: "inputmode=\"decimal\""))
            \(Self.textField(state, "lend", "deposit", Text("押金（元，租用填写）", "Deposit (yuan, rentals)"), l, attributes: "inputmode=\"decimal\""))
            \(Self.textField(state, "lend", "borrowerName", Text("借用人", "Borrower"), l, attributes: "required"))
            \(Self.textField(state, "lend", "borrowerPhone", Text("借用人电话", "Borrower's phone"), l, type: "tel", attributes: "required"))
            \(Self.textField(state, "lend", "idNote", Text("证件说明（如：老年证已查验）", "ID note (e.g. senior card seen)"), l))
            \(Self.textField(state, "lend", "dueBack", Text("归还时间（如 17:30，不填为当天 18:00）", "Due back (e.g. 17:30; blank: 18:00 today)"), l))
            </div>
            <button type="submit" id="scenic-lend">\(Text("借出", "Lend out"), l)</button></form>
            """
        case .lent:
            step = i.loanId.map { "<p class=\"no-print\"><a class=\"button\" id=\"scenic-to-loan\" href=\"\(Self.path)/loans/\($0)\">\(Text("办理归还", "Take it back"), l)</a></p>" as HTML } ?? .empty
        case .inRepair:
            let state = page.formState(action: base + "/repaired")
            step = """
            <form method="post" action="\(base)/repaired" id="scenic-repaired-form" class="card no-print"><h2>\(Text("修理部已修好", "Back from the repair shop"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["note"], l, id: "scenic-repaired-error"))
            <p class="hint">\(Text("损坏情况：", "Damage: "), l)\(i.damage ?? "—")</p>
            \(Self.textField(state, "repaired", "note", Text("维修说明", "Repair note"), l))
            <button type="submit" id="scenic-repaired">\(Text("已修好，可再借出", "Repaired: available again"), l)</button></form>
            """
        }
        let rows: [DataTable.Row] = m.loans.map { loan in
            DataTable.Row(plain: ["<a href=\"\(Self.path)/loans/\(loan.id)\">\(loan.number)</a>", "\(ScenicLabels.loanKind(loan.kind), l)", "\(loan.borrowerName)",
                                  "\(Times.display(loan.lentMillis))", "\(loan.returnCheck.map { ScenicLabels.check($0)(l) } ?? Text("未归还", "Out")(l))"])
        }
        let history: HTML = rows.isEmpty ? "<p class=\"empty\">\(Text("尚无借用", "Never lent"), l)</p>"
            : DataTable.render(id: "scenic-item-loans", headers: [Text("编号", "Number"), Text("方式", "Kind"), Text("借用人", "Borrower"), Text("借出时间", "Lent at"),
                                                                 Text("归还检查", "Return check")].map { $0(l) }, rows: rows)
        let body: HTML = """
        <h1 id="scenic-item-title">\(ScenicLabels.itemKind(i.kind), l) \(i.code)</h1>
        <p class="meta" id="scenic-item-state" data-status="\(i.status.rawValue)">\(Self.itemBadge(i.status, l)) · \(i.unitName)</p>
        \(step)
        <h2>\(Text("借用记录", "Loans"), l)</h2>
        \(history)
        <p class="no-print"><a href="\(Self.path)/items">\(Text("返回轮椅和婴儿车", "Back to wheelchairs and strollers"), l)</a></p>
        """
        return shell.render(page, title: ScenicLabels.titled(ScenicLabels.itemKind(i.kind), i.code), active: "scenic-lending", body: body, breadcrumbs: .underActive).response()
    }

    func lend(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await FormData.read(request)
        let loan = try await scenic.lendItem(id: try context.parameters.require("id"), ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/loans/\(loan.id)?notice=lent")
    }

    func repaired(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.markRepaired(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/items/\(id)?notice=repaired")
    }

    func loanDetail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let loan = try await scenic.loan(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.path)/loans/\(loan.id)"
        var step: HTML = .empty
        if loan.returnedAt == nil {
            let state = page.formState(action: base + "/return")
            let checks = LendingRules.Check.allCases.map { ($0.rawValue, ScenicLabels.check($0)(l)) }
            step = """
            <form method="post" action="\(base)/return" id="scenic-return-form" class="card no-print"><h2>\(Text("归还并检查", "Return and check"), l)</h2>\(page.csrfField)
            \(state.generalMessage(fields: ["check", "damage"], l, id: "scenic-return-error"))
            \(Self.choice(state, "return", "check", Text("检查结果", "Check"), checks, l))
            \(Self.textField(state, "return", "damage", Text("损坏情况（损坏时填写，立即送修理部）", "What is damaged (sent to the repair shop at once)"), l))
            <button type="submit" id="scenic-return">\(Text("归还", "Return"), l)</button></form>
            """
        }
        let money: HTML = loan.kind == .rent
            ? "<dt>\(Text("租金 / 押金", "Fee / deposit"), l)</dt><dd id=\"scenic-loan-money\">¥\(loan.fee) / ¥\(loan.deposit)</dd>" : .empty
        let body: HTML = """
        <h1 id="scenic-loan-title">\(ScenicLabels.loanKind(loan.kind), l) \(loan.number)</h1>
        \(step)
        <dl class="facts" id="scenic-loan-facts">
        <dt>\(Text("轮椅/婴儿车", "Item"), l)</dt><dd><a href="\(Self.path)/items/\(loan.itemId)">\(loan.itemCode)</a></dd>
        <dt>\(Text("借用人", "Borrower"), l)</dt><dd>\(loan.borrowerName) · \(loan.borrowerPhone)</dd>
        \(loan.idNote.map { "<dt>\(Text("证件说明", "ID note"), l)</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        \(money)
        <dt>\(Text("借出", "Lent"), l)</dt><dd>\(loan.lentByName) · \(Times.display(loan.lentMillis))</dd>
        <dt>\(Text("应还", "Due back"), l)</dt><dd>\(Times.display(loan.dueMillis))</dd>
        \(loan.returnCheck.map { "<dt>\(Text("归还检查", "Return check"), l)</dt><dd id=\"scenic-return-check\">\(ScenicLabels.check($0), l)\(loan.damage.map { " · " + $0 } ?? "")</dd>" as HTML } ?? .empty)
        </dl>
        <p class="no-print"><button type="button" data-print>\(Text("打印", "Print"), l)</button> · <a href="\(Self.path)/items">\(Text("返回轮椅和婴儿车", "Back to wheelchairs and strollers"), l)</a></p>
        """
        return shell.render(page, title: ScenicLabels.titled(ScenicLabels.loanKind(loan.kind), loan.number), active: "scenic-lending", body: body, breadcrumbs: .underActive).response()
    }

    func giveBack(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        _ = try await scenic.returnLoan(id: id, ScenicBody(Self.values(form)), by: principal)
        return Redirect.to("\(Self.path)/loans/\(id)?notice=returned")
    }
}

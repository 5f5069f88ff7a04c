import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 业主意见调查 (SAT-10) as pages: the rounds with their response rate and average and the form to start one; a round
/// with every resident asked, the form to type in a paper answer and the return-visit plan (printable).
public struct PropertyOpinionPages: Sendable {
    let opinions: PropertyOpinionService
    let shell: PageShell

    public init(opinions: PropertyOpinionService, shell: PageShell) {
        self.opinions = opinions
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/opinion-rounds"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/opinion-rounds") { request, context in try await list(request, context) }
        router.post("/property/opinion-rounds") { request, context in try await start(request, context) }
        router.get("/property/opinion-rounds/:id") { request, context in try await detail(request, context) }
        router.post("/property/opinion-rounds/:id/answers") { request, context in try await answer(request, context) }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard request.uri.queryParameters.get("notice") == "property-opinion", let what = request.uri.queryParameters.get("what").map({ String($0) }) else { return base }
        let label: Text = what == "round" ? Text("已发起意见调查", "Survey started") : Text("已登记调查表", "Form recorded")
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await opinions.roundsPage(q, paging: try Paging.from(q, defaultPer: 20), viewer: principal)
        let rows: [DataTable.Row] = m.rounds.items.map { r in
            DataTable.Row(plain: ["<a class=\"prp-round-link\" href=\"\(Self.path)/\(r.id)\">\(r.estateName) \(r.halfYear)</a>", "\(r.residents)", "\(r.answered)",
                                  "\(r.responseRate)", "\(r.averageScore)", "\(r.returnVisits.count)", "\(r.startedBy)"],
                          attributes: "class=\"prp-round\" data-half=\"\(r.halfYear)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("还没有意见调查", "No surveys yet"), l)</p>"
            : DataTable.render(id: "prp-rounds", headers: [Text("小区/半年度", "Estate / half year"), Text("调查户数", "Asked"), Text("已回收", "Answered"),
                                                           Text("回收率", "Response rate"), Text("平均分", "Average"), Text("需回访", "Return visits"),
                                                           Text("发起人", "Started by")].map { $0(l) }, rows: rows)
        let s = page.formState(action: Self.path)
        let form: HTML = m.estates.isEmpty || !m.mayStart ? .empty : """
            <section class="card no-print" id="prp-round-new"><h2>\(Text("发起半年度业主意见调查", "Start the half-yearly owners' opinion survey"), l)</h2>
            <p class="hint">\(Text("每个小区每半年一次；调查本小区所有登记了电话的住户，可打印调查表后在此登记回收的答卷。",
                                   "Once per estate and half year; every occupant with a phone on the register is asked, and the paper forms returned are typed in here."), l)</p>
            \(s.generalMessage(fields: ["estateId", "halfYear"], l, id: "prp-round-error"))
            <form method="post" action="\(Self.path)" id="prp-round-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-round", "estateId", Text("小区", "Estate"), l, PropertyOperationsPages.estateOptions(m.estates)))
            \(PropertyPages.field(s, "prp-round", "halfYear", Text("半年度（如 2026-H2）", "Half year (e.g. 2026-H2)"), l,
                                  value: HalfYear(year: Times.day(Date()).year, month: Times.day(Date()).components.month)?.iso))
            </div><div class="actions"><button type="submit" id="prp-round-save">\(Text("发起", "Start"), l)</button></div></form></section>
            """
        let body: HTML = """
        <h1 id="prp-rounds-title">\(Text("业主意见调查", "Owners' opinion survey"), l)</h1>
        \(table)
        \(FormControls.pager(basePath: Self.path, query: [:], page: m.rounds.page, per: m.rounds.per, total: m.rounds.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("业主意见调查", "Owners' opinion survey"), active: "property-opinions", body: body).response()
    }

    func start(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let r = try await opinions.start(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/\(r.id)?notice=property-opinion&what=round")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let r = try await opinions.round(id: try context.parameters.require("id"), viewer: principal)
        func rows(_ list: [OpinionResidentView]) -> [DataTable.Row] {
            list.map { u in
                DataTable.Row(plain: ["\(u.building) \(u.room)", "\(u.occupantName)", "\(u.occupantPhone)", "\(u.overallLabel ?? "—")", "\(u.comment ?? "")",
                                      u.returnVisit ? "<span class=\"badge late\">\(Text("需回访", "Visit"), l)</span>" : .empty],
                              attributes: "class=\"prp-resident\" data-room=\"\(u.room)\" data-answered=\"\(u.overall == nil ? "0" : "1")\"")
            }
        }
        let headers = [Text("房屋", "Unit"), Text("住户", "Occupant"), Text("电话", "Phone"), Text("总体评价", "Overall"), Text("意见和建议", "Opinions"),
                       Text("回访", "Return visit")].map { $0(l) }
        let action = "\(Self.path)/\(r.id)/answers"
        let s = page.formState(action: action)
        let levels = SatisfactionLevel.allCases.map { (String($0.rawValue), l == .zhCN ? $0.zh : $0.en) }
        let form: HTML = r.mayRecord ? """
            <section class="card no-print" id="prp-answer-new"><h2>\(Text("登记回收的调查表", "Type in a returned form"), l)</h2>
            \(s.generalMessage(fields: ["building", "room", "overall", "comment"], l, id: "prp-answer-error"))
            <form method="post" action="\(action)" id="prp-answer-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.field(s, "prp-answer", "building", Text("楼栋", "Building"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-answer", "room", Text("房号", "Room"), l, attributes: "required"))
            \(PropertyPages.choose(s, "prp-answer", "overall", Text("总体评价", "Overall"), l, levels, selected: "4"))
            \(PropertyOperationsPages.textarea(s, "prp-answer-comment", "comment", Text("意见和建议", "Opinions"), l))
            </div><div class="actions"><button type="submit" id="prp-answer-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """ : .empty
        let visits: HTML = r.returnVisits.isEmpty ? "<p class=\"empty\" id=\"prp-no-visits\">\(Text("暂无需回访的业主", "No owner to visit yet"), l)</p>"
            : DataTable.render(id: "prp-return-visits", headers: headers, rows: rows(r.returnVisits))
        let body: HTML = """
        <h1 id="prp-round-title">\(Text("业主意见调查", "Owners' opinion survey"), l) · \(r.estateName) \(r.halfYear)</h1>
        <p class="meta" id="prp-round-figures">\(Text("调查", "Asked"), l) \(r.residents) · \(Text("回收", "Answered"), l) \(r.answered) ·
        \(Text("回收率", "Response rate"), l) <strong id="prp-round-rate">\(r.responseRate)</strong> ·
        \(Text("平均分", "Average"), l) <strong id="prp-round-average">\(r.averageScore)</strong> · \(r.startedBy) \(r.startedAt)</p>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.path)">\(Text("返回", "Back"), l)</a></p>
        <section class="card" id="prp-round-visits"><h2>\(Text("回访计划", "Return-visit plan"), l)</h2>
        <p class="hint">\(Text("总体评价低于“基本满意”或写了意见的业主。", "Owners rated below 基本满意 or who wrote an opinion."), l)</p>\(visits)</section>
        <section class="card" id="prp-round-residents"><h2>\(Text("调查住户", "Residents asked"), l)</h2>
        \(DataTable.render(id: "prp-residents", headers: headers, rows: rows(r.items)))</section>
        \(form)
        """
        return shell.render(page, title: Text("业主意见调查 " + r.halfYear, "Opinion survey " + r.halfYear), active: "property-opinions", body: body,
                            breadcrumbs: .underActive).response()
    }

    func answer(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await opinions.recordAnswer(roundId: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=property-opinion&what=answer")
    }
}

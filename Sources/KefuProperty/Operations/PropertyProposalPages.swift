import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 业主建议 (#14 PRP-10) as pages: the proposals with their form, the supervisor's submission of the open ones to the
/// project manager, a submission with the answer to each proposal.
extension PropertyOperationsPages {
    static func proposalLabel(_ s: ProposalStatus) -> Text {
        switch s {
        case .open: return Text("待提交", "Open")
        case .submitted: return Text("已提交", "Submitted")
        case .answered: return Text("已答复", "Answered")
        }
    }

    static func proposalStatus(_ s: ProposalStatus, _ l: AppLocale) -> HTML {
        switch s {
        case .open: return "<span class=\"badge\">\(Text("待提交", "Open"), l)</span>"
        case .submitted: return "<span class=\"badge late\">\(Text("已提交", "Submitted"), l)</span>"
        case .answered: return "<span class=\"badge ok\">\(Text("已答复", "Answered"), l)</span>"
        }
    }

    func proposals(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await ops.proposalsPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let rows: [DataTable.Row] = m.proposals.items.map { p in
            DataTable.Row(plain: ["\(p.number)", "\(p.estateName) \(p.unitLabel ?? "")", "\(p.ownerName)\(p.ownerPhone.map { " " + $0 } ?? "")", "\(p.content)",
                                  "\(p.proposedOn)", "\(p.receivedBy)", Self.proposalStatus(p.status, l),
                                  p.batchId.map { "<a href=\"\(Self.path)/proposal-batches/\($0)\">\(p.batchNumber ?? "")</a>" } ?? "—", "\(p.answer ?? "")"],
                          attributes: "class=\"prp-proposal\" data-number=\"\(p.number)\" data-status=\"\(p.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有业主建议", "No owner proposals"), l)</p>"
            : DataTable.render(id: "prp-proposals", headers: [Text("编号", "Number"), Text("小区/房屋", "Estate / unit"), Text("业主", "Owner"), Text("建议", "Proposal"),
                                                              Text("日期", "Date"), Text("接待人", "Received by"), Text("状态", "Status"), Text("提交", "Submission"),
                                                              Text("答复", "Answer")].map { $0(l) }, rows: rows)
        let batchRows: [DataTable.Row] = m.batches.items.map { b in
            DataTable.Row(plain: ["<a class=\"prp-batch-link\" href=\"\(Self.path)/proposal-batches/\(b.id)\">\(b.number)</a>", "\(b.unitName)", "\(b.proposalCount)",
                                  "\(b.answered)", b.status == .answered ? "<span class=\"badge ok\">\(Text("已答复", "Answered"), l)</span>"
                                                                         : "<span class=\"badge late\">\(Text("待答复", "Awaiting answers"), l)</span>"],
                          attributes: "class=\"prp-batch\" data-number=\"\(b.number)\"")
        }
        let batches: HTML = batchRows.isEmpty ? "<p class=\"empty\" id=\"prp-no-batches\">\(Text("还没有提交", "No submissions yet"), l)</p>"
            : DataTable.render(id: "prp-batches", headers: [Text("编号", "Number"), Text("单位", "Unit"), Text("建议数", "Proposals"), Text("已答复", "Answered"),
                                                            Text("状态", "Status")].map { $0(l) }, rows: batchRows)
        let action = Self.path + "/proposals"
        let s = page.formState(action: action)
        let form: HTML = m.estates.isEmpty ? .empty : """
            <section class="card no-print" id="prp-proposal-new"><h2>\(Text("登记业主建议", "Record an owner proposal"), l)</h2>
            \(s.generalMessage(fields: ["estateId", "building", "room", "ownerName", "ownerPhone", "content", "proposedOn", "receivedBy"], l, id: "prp-proposal-error"))
            <form method="post" action="\(action)" id="prp-proposal-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-proposal", "estateId", Text("小区", "Estate"), l, Self.estateOptions(m.estates)))
            \(PropertyPages.field(s, "prp-proposal", "building", Text("楼栋（可不填）", "Building (optional)"), l))
            \(PropertyPages.field(s, "prp-proposal", "room", Text("房号（可不填）", "Room (optional)"), l))
            \(PropertyPages.field(s, "prp-proposal", "ownerName", Text("业主姓名", "Owner's name"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-proposal", "ownerPhone", Text("联系电话", "Phone"), l, type: "tel"))
            \(Self.textarea(s, "prp-proposal-content", "content", Text("建议内容", "Proposal"), l, required: true))
            \(PropertyPages.field(s, "prp-proposal", "proposedOn", Text("提出日期", "Proposed on"), l, type: "date", value: Times.day(Date()).iso))
            \(PropertyPages.field(s, "prp-proposal", "receivedBy", Text("接待人（空为本人）", "Received by (empty: you)"), l))
            </div><div class="actions"><button type="submit" id="prp-proposal-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """
        let submitAction = Self.path + "/proposal-batches"
        let ss = page.formState(action: submitAction)
        let submit: HTML = m.maySubmit ? """
            <section class="card no-print" id="prp-batch-new"><h2>\(Text("提交项目经理", "Submit to the project manager"), l)</h2>
            <p class="hint">\(Text("把本单位所有待提交的建议汇总成一份提交。", "Puts every open proposal of your unit into one submission."), l)</p>
            \(ss.error.map { FormControls.errorBox($0, l, id: "prp-batch-error") } ?? .empty)
            <form method="post" action="\(submitAction)" id="prp-batch-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.field(ss, "prp-batch", "note", Text("说明", "Note"), l))
            </div><div class="actions"><button type="submit" id="prp-batch-save">\(Text("提交", "Submit"), l)</button></div></form></section>
            """ : .empty
        let filterQuery = q.filter { ["estateId", "status", "q"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <h1 id="prp-proposals-title">\(Text("业主建议", "Owner proposals"), l)</h1>
        <form method="get" action="\(Self.path)/proposals" class="toolbar filters no-print" id="prp-proposal-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-pf-estate", FormControls.select(id: "prp-pf-estate", name: "estateId",
            options: [("", Text("全部", "All")(l))] + Self.estateOptions(m.estates), selected: q["estateId"] ?? "")))
        \(FormControls.field(Text("状态", "Status")(l), for: "prp-pf-status", FormControls.select(id: "prp-pf-status", name: "status",
            options: [("", Text("全部", "All")(l))] + ProposalStatus.allCases.map { ($0.rawValue, Self.proposalLabel($0)(l)) },
            selected: q["status"] ?? "")))
        \(FormControls.field(Text("编号、姓名或内容", "Number, name or words")(l), for: "prp-pf-q", FormControls.input(id: "prp-pf-q", name: "q", value: q["q"])))
        <button type="submit" id="prp-pf-apply">\(Text("查询", "Search"), l)</button></form>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button></p>
        \(table)
        \(FormControls.pager(basePath: Self.path + "/proposals", query: filterQuery, page: m.proposals.page, per: m.proposals.per, total: m.proposals.total, locale: l))
        \(form)
        <section class="card" id="prp-batch-list"><h2>\(Text("提交项目经理的记录", "Submissions to the project manager"), l)</h2>\(batches)</section>
        \(submit)
        """
        return shell.render(page, title: Text("业主建议", "Owner proposals"), active: "property-proposals", body: body).response()
    }

    func recordProposal(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        _ = try await ops.recordProposal(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/proposals?notice=property-ops&what=proposal")
    }

    func submit(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let b = try await ops.submitProposals(FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/proposal-batches/\(b.id)?notice=property-ops&what=batch")
    }

    func batch(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let b = try await ops.batch(id: try context.parameters.require("id"), viewer: principal)
        let items: [HTML] = b.proposals.map { p in
            let action = "\(Self.path)/proposals/\(p.id)/answer"
            let s = page.formState(action: action)
            let answer: HTML = p.answer.map { a -> HTML in "<p class=\"prp-answer\"><strong>\(Text("答复：", "Answer: "), l)</strong>\(a)</p>" }
                ?? (b.mayAnswer ? """
                    <form method="post" action="\(action)" class="no-print prp-answer-form" id="prp-answer-form-\(p.number)">\(page.csrfField)
                    \(s.error.map { FormControls.errorBox($0, l) } ?? .empty)
                    \(Self.textarea(s, "prp-answer-\(p.number)", "answer", Text("项目经理答复", "The project manager's answer"), l, required: true))
                    <button type="submit">\(Text("登记答复", "Record the answer"), l)</button></form>
                    """ : "<p class=\"hint\">\(Text("待答复", "Awaiting the answer"), l)</p>")
            return """
            <article class="card prp-batch-proposal" data-number="\(p.number)"><h3>\(p.number) · \(p.estateName) \(p.unitLabel ?? "") · \(p.ownerName)</h3>
            <p>\(p.content)</p><p class="meta">\(p.proposedOn) · \(p.receivedBy)</p>\(answer)</article>
            """
        }
        let body: HTML = """
        <h1 id="prp-batch-title">\(Text("业主建议提交", "Owner proposals submitted"), l) \(b.number)</h1>
        <p class="meta" id="prp-batch-meta">\(b.unitName) · \(b.submittedBy) · \(b.submittedAt) · \(Text("已答复", "Answered")(l)) \(b.answered)/\(b.proposalCount)</p>
        \(b.note.map { n -> HTML in "<p>\(n)</p>" } ?? .empty)
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.path)/proposals">\(Text("返回", "Back"), l)</a></p>
        \(items)
        """
        return shell.render(page, title: Text("建议提交 " + b.number, "Submission " + b.number), active: "property-proposals", body: body, breadcrumbs: .underActive).response()
    }

    func answer(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let p = try await ops.answerProposal(id: try context.parameters.require("id"), FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/proposal-batches/\(p.batchId ?? "")?notice=property-ops&what=answer")
    }
}

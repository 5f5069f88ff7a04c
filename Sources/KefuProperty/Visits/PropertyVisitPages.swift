import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// 走访与业主座谈会 (SAT-10) as pages: the visits with filters, the quarter's buildings still to visit and the form to
/// record a visit; a visit with the form to close its follow-up; the owner forums and the form to plan one; a forum with
/// the forms to hold it, add and close resolutions, close or cancel it. One-column forms that work on a tablet;
/// refused forms keep what was typed.
public struct PropertyVisitPages: Sendable {
    let visits: PropertyVisitService
    let shell: PageShell

    public init(visits: PropertyVisitService, shell: PageShell) {
        self.visits = visits
        self.shell = shell
    }

    static let path = PropertyPaths.root + "/visits"
    static let forumPath = PropertyPaths.root + "/forums"

    public func register(on router: Router<KefuContext>) {
        router.get("/property/visits") { request, context in try await list(request, context) }
        router.post("/property/visits") { request, context in try await record(request, context) }
        router.get("/property/visits/:id") { request, context in try await detail(request, context) }
        router.post("/property/visits/:id/close-follow-up") { request, context in try await closeFollowUp(request, context) }
        router.get("/property/forums") { request, context in try await forums(request, context) }
        router.post("/property/forums") { request, context in try await plan(request, context) }
        router.get("/property/forums/:id") { request, context in try await forum(request, context) }
        router.post("/property/forums/:id/hold") { request, context in try await forumStep(request, context, "hold") }
        router.post("/property/forums/:id/resolutions") { request, context in try await forumStep(request, context, "resolution") }
        router.post("/property/forums/:id/resolutions/close") { request, context in try await forumStep(request, context, "resolution-closed") }
        router.post("/property/forums/:id/close") { request, context in try await forumStep(request, context, "close") }
        router.post("/property/forums/:id/cancel") { request, context in try await forumStep(request, context, "cancel") }
    }

    static func page(_ request: Request, _ context: KefuContext) -> PageContext {
        let base = context.page(request)
        guard request.uri.queryParameters.get("notice") == "property-visit", let what = request.uri.queryParameters.get("what").map({ String($0) }) else { return base }
        let label: Text = switch what {
        case "visit": Text("已登记走访", "Visit recorded")
        case "follow-up": Text("跟进事项已关闭", "Follow-up closed")
        case "forum": Text("已安排座谈会", "Forum planned")
        case "hold": Text("已登记座谈会召开情况", "Forum recorded as held")
        case "resolution": Text("已添加决议", "Resolution added")
        case "resolution-closed": Text("决议已关闭", "Resolution closed")
        case "cancel": Text("座谈会已取消", "Forum cancelled")
        default: Text("座谈会已关闭", "Forum closed")
        }
        return PageContext(principal: base.principal, locale: base.locale, csrfToken: base.csrfToken, notice: label(base.locale), formFlash: base.formFlash, path: base.path)
    }

    static func followUpBadge(_ s: VisitFollowUpStatus, _ l: AppLocale) -> HTML {
        let cls = s == .open ? "late" : s == .closed ? "ok" : ""
        return "<span class=\"badge \(cls)\">\(PropertyVisitInput.followUpLabel(s), l)</span>"
    }

    static func forumBadge(_ s: ForumStatus, _ l: AppLocale) -> HTML {
        let cls = s == .planned || s == .held ? "late" : s == .closed ? "ok" : ""
        return "<span class=\"badge \(cls)\">\(PropertyVisitInput.statusLabel(s), l)</span>"
    }

    static func levels(_ l: AppLocale) -> [(String, String)] {
        [("", Text("未询问", "Not asked")(l))] + SatisfactionLevel.allCases.map { (String($0.rawValue), l == .zhCN ? $0.zh : $0.en) }
    }

    // MARK: visits

    func list(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await visits.visitsPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let rows: [DataTable.Row] = m.visits.items.map { v in
            let whom = [v.room.map { "\(v.building) \($0)" } ?? v.building, v.residentName ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
            return DataTable.Row(plain: ["<a class=\"prp-visit-link\" href=\"\(Self.path)/\(v.id)\">\(v.number)</a>", "\(v.visitedOn) \(v.visitedTime ?? "")",
                                         "\(v.estateName)", "\(whom)", "\(v.opinions)", "\(PropertyVisitInput.satisfactionLabel(v.satisfaction, l) ?? "—")",
                                         Self.followUpBadge(v.followUpStatus, l), "\(v.visitor)"],
                                 attributes: "class=\"prp-visit\" data-number=\"\(v.number)\" data-follow-up=\"\(v.followUpStatus.rawValue)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有走访记录", "No visits"), l)</p>"
            : DataTable.render(id: "prp-visits", headers: [Text("编号", "Number"), Text("走访时间", "When"), Text("小区", "Estate"), Text("楼栋/房屋/住户", "Building / unit / resident"),
                                                           Text("听取的意见", "Opinions heard"), Text("满意度", "Satisfaction"), Text("跟进", "Follow-up"),
                                                           Text("走访人", "Visitor")].map { $0(l) }, rows: rows)
        let due: HTML = m.due.map { d -> HTML in
            let items: [HTML] = d.buildings.map { b in
                let mark: HTML = b.due ? "<span class=\"badge late\">\(Text("待走访", "To visit"), l)</span>"
                    : "<span class=\"badge ok\">\(Text("已走访", "Visited"), l) \(b.visits) · \(b.lastVisitedOn ?? "")</span>"
                return "<li class=\"prp-due-building\" data-building=\"\(b.building)\" data-due=\"\(b.due ? "1" : "0")\">\(b.building)：\(mark)</li>"
            }
            let list: HTML = items.isEmpty ? "<p class=\"empty\">\(Text("本小区还没有房屋", "The estate has no units yet"), l)</p>" : "<ul id=\"prp-due-list\">\(items)</ul>"
            return """
            <section class="card" id="prp-visits-due"><h2>\(Text("本季度走访计划", "This quarter's visit plan"), l) · \(d.estateName) \(d.quarter)</h2>
            <p class="hint">\(Text("每个有房屋的楼栋每季度至少走访一次（SAT-10）。", "Every building with units is visited at least once a quarter (SAT-10)."), l)
            \(Text("待走访：", "Still to visit: "), l)<strong id="prp-due-count">\(d.due.count)</strong></p>
            \(list)</section>
            """
        } ?? .empty
        let s = page.formState(action: Self.path)
        let form: HTML = m.estates.isEmpty || !m.mayRecord ? .empty : """
            <section class="card no-print" id="prp-visit-new"><h2>\(Text("登记走访", "Record a visit"), l)</h2>
            \(s.generalMessage(fields: ["estateId", "building", "room", "residentName", "visitedOn", "visitedTime", "opinions", "satisfaction", "followUp", "followUpOwner"], l, id: "prp-visit-error"))
            <form method="post" action="\(Self.path)" id="prp-visit-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-visit", "estateId", Text("小区", "Estate"), l, PropertyOperationsPages.estateOptions(m.estates), selected: q["estateId"]))
            \(PropertyPages.field(s, "prp-visit", "building", Text("楼栋", "Building"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-visit", "room", Text("房号（可不填）", "Room (optional)"), l))
            \(PropertyPages.field(s, "prp-visit", "residentName", Text("住户姓名（可不填）", "Resident (optional)"), l))
            \(PropertyPages.field(s, "prp-visit", "visitedOn", Text("走访日期", "Visit date"), l, type: "date", value: Times.day(Date()).iso))
            \(PropertyPages.field(s, "prp-visit", "visitedTime", Text("时间（HH:MM）", "Time (HH:MM)"), l, type: "time"))
            \(PropertyOperationsPages.textarea(s, "prp-visit-opinions", "opinions", Text("听取的意见", "Opinions heard"), l, required: true))
            \(PropertyPages.choose(s, "prp-visit", "satisfaction", Text("满意度", "Satisfaction"), l, Self.levels(l), selected: ""))
            \(PropertyOperationsPages.textarea(s, "prp-visit-followUp", "followUp", Text("需跟进事项（可不填）", "To follow up (optional)"), l))
            \(PropertyPages.field(s, "prp-visit", "followUpOwner", Text("跟进负责人（默认本人）", "Follow-up owner (default you)"), l))
            </div><div class="actions"><button type="submit" id="prp-visit-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """
        let filterQuery = q.filter { ["estateId", "quarter", "from", "to", "building", "room", "followUp", "openFollowUps"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <h1 id="prp-visits-title">\(Text("走访住户", "Visits to residents"), l)</h1>
        <p class="actions no-print"><a class="button" id="prp-forums-link" href="\(Self.forumPath)">\(Text("业主座谈会", "Owner forums"), l)</a></p>
        <form method="get" action="\(Self.path)" class="toolbar filters no-print" id="prp-visit-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-vf-estate", FormControls.select(id: "prp-vf-estate", name: "estateId",
            options: [("", Text("全部", "All")(l))] + PropertyOperationsPages.estateOptions(m.estates), selected: q["estateId"] ?? "")))
        \(FormControls.field(Text("季度（如 2026-Q4）", "Quarter (e.g. 2026-Q4)")(l), for: "prp-vf-quarter", FormControls.input(id: "prp-vf-quarter", name: "quarter", value: q["quarter"])))
        \(FormControls.field(Text("楼栋", "Building")(l), for: "prp-vf-building", FormControls.input(id: "prp-vf-building", name: "building", value: q["building"])))
        \(FormControls.field(Text("房号", "Room")(l), for: "prp-vf-room", FormControls.input(id: "prp-vf-room", name: "room", value: q["room"])))
        \(FormControls.field(Text("跟进", "Follow-up")(l), for: "prp-vf-follow", FormControls.select(id: "prp-vf-follow", name: "followUp",
            options: [("", Text("全部", "All")(l))] + VisitFollowUpStatus.allCases.map { ($0.rawValue, PropertyVisitInput.followUpLabel($0)(l)) }, selected: q["followUp"] ?? "")))
        <button type="submit" id="prp-vf-apply">\(Text("查询", "Search"), l)</button></form>
        \(due)
        \(table)
        \(FormControls.pager(basePath: Self.path, query: filterQuery, page: m.visits.page, per: m.visits.per, total: m.visits.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("走访住户", "Visits to residents"), active: "property-visits", body: body).response()
    }

    func record(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let v = try await visits.recordVisit(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.path)/\(v.id)?notice=property-visit&what=visit")
    }

    func detail(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let v = try await visits.visit(id: try context.parameters.require("id"), viewer: principal)
        let action = "\(Self.path)/\(v.id)/close-follow-up"
        let s = page.formState(action: action)
        let close: HTML = v.mayCloseFollowUp ? """
            <section class="card no-print" id="prp-visit-close"><h2>\(Text("关闭跟进事项", "Close the follow-up"), l)</h2>
            \(s.error.map { FormControls.errorBox($0, l, id: "prp-visit-close-error") } ?? .empty)
            <form method="post" action="\(action)" id="prp-visit-close-form">\(page.csrfField)
            \(PropertyOperationsPages.textarea(s, "prp-visit-note", "note", Text("处理情况", "What was done"), l, required: true))
            <div class="actions"><button type="submit" id="prp-visit-close-save">\(Text("关闭", "Close"), l)</button></div></form></section>
            """ : .empty
        let followUp: HTML = v.followUp.map { f -> HTML in
            """
            <section class="card" id="prp-visit-follow"><h2>\(Text("跟进事项", "Follow-up"), l) \(Self.followUpBadge(v.followUpStatus, l))</h2>
            <p>\(f)</p><p class="meta">\(Text("负责人：", "Owner: "), l)<span id="prp-visit-owner">\(v.followUpOwner ?? "")</span></p>
            \(v.followUpNote.map { n -> HTML in "<p id=\"prp-visit-note-text\"><strong>\(Text("处理情况：", "Done: "), l)</strong>\(n) · \(v.followUpClosedBy ?? "") \(v.followUpClosedAt ?? "")</p>" } ?? .empty)
            </section>
            """
        } ?? .empty
        let whom = [v.room.map { "\(v.building) \($0)" } ?? v.building, v.residentName ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
        let body: HTML = """
        <h1 id="prp-visit-title">\(Text("走访", "Visit"), l) \(v.number)</h1>
        <p class="meta" id="prp-visit-meta">\(v.estateName) · \(whom) · \(v.visitedOn) \(v.visitedTime ?? "") · \(v.visitor)</p>
        <section class="card"><h2>\(Text("听取的意见", "Opinions heard"), l)</h2><p id="prp-visit-opinions-text">\(v.opinions)</p>
        <p class="meta">\(Text("满意度：", "Satisfaction: "), l)\(PropertyVisitInput.satisfactionLabel(v.satisfaction, l) ?? "—")</p></section>
        \(followUp)
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.path)">\(Text("返回", "Back"), l)</a></p>
        \(close)
        """
        return shell.render(page, title: Text("走访 " + v.number, "Visit " + v.number), active: "property-visits", body: body, breadcrumbs: .underActive).response()
    }

    func closeFollowUp(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        _ = try await visits.closeFollowUp(id: id, FlatBody(PropertyPages.values(try await FormData.read(request))), by: principal)
        return Redirect.to("\(Self.path)/\(id)?notice=property-visit&what=follow-up")
    }

    // MARK: forums

    func forums(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let m = try await visits.forumsPage(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal)
        let rows: [DataTable.Row] = m.forums.items.map { f in
            DataTable.Row(plain: ["<a class=\"prp-forum-link\" href=\"\(Self.forumPath)/\(f.id)\">\(f.number)</a>", "\(f.heldOn) \(f.heldTime ?? "")",
                                  "\(f.estateName) \(f.place)", "\(f.topic)", "\(f.host)", "\(f.attendeeCount.map(String.init) ?? "—")",
                                  "\(f.openResolutions)/\(f.resolutionCount)", Self.forumBadge(f.status, l)],
                          attributes: "class=\"prp-forum\" data-number=\"\(f.number)\" data-status=\"\(f.status.rawValue)\"")
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有座谈会", "No forums"), l)</p>"
            : DataTable.render(id: "prp-forums", headers: [Text("编号", "Number"), Text("日期", "Date"), Text("小区/地点", "Estate / place"), Text("议题", "Topic"),
                                                           Text("主持人", "Host"), Text("参加人数", "Attendees"), Text("未关闭决议", "Open resolutions"),
                                                           Text("状态", "Status")].map { $0(l) }, rows: rows)
        let s = page.formState(action: Self.forumPath)
        let form: HTML = m.estates.isEmpty || !m.mayPlan ? .empty : """
            <section class="card no-print" id="prp-forum-new"><h2>\(Text("安排业主座谈会", "Plan an owner forum"), l)</h2>
            \(s.generalMessage(fields: ["estateId", "heldOn", "heldTime", "place", "topic", "host"], l, id: "prp-forum-error"))
            <form method="post" action="\(Self.forumPath)" id="prp-forum-form">\(page.csrfField)<div class="grid one-column">
            \(PropertyPages.choose(s, "prp-forum", "estateId", Text("小区", "Estate"), l, PropertyOperationsPages.estateOptions(m.estates), selected: q["estateId"]))
            \(PropertyPages.field(s, "prp-forum", "heldOn", Text("日期", "Date"), l, type: "date", attributes: "required"))
            \(PropertyPages.field(s, "prp-forum", "heldTime", Text("时间（HH:MM）", "Time (HH:MM)"), l, type: "time"))
            \(PropertyPages.field(s, "prp-forum", "place", Text("地点", "Place"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-forum", "topic", Text("议题", "Topic"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-forum", "host", Text("主持人（默认本人）", "Host (default you)"), l))
            </div><div class="actions"><button type="submit" id="prp-forum-save">\(Text("保存", "Save"), l)</button></div></form></section>
            """
        let filterQuery = q.filter { ["estateId", "status", "from", "to"].contains($0.key) && !$0.value.isEmpty }
        let body: HTML = """
        <h1 id="prp-forums-title">\(Text("业主座谈会", "Owner forums"), l)</h1>
        <p class="actions no-print"><a class="button" id="prp-visits-link" href="\(Self.path)">\(Text("走访住户", "Visits to residents"), l)</a></p>
        <form method="get" action="\(Self.forumPath)" class="toolbar filters no-print" id="prp-forum-filter">
        \(FormControls.field(Text("小区", "Estate")(l), for: "prp-ff-estate", FormControls.select(id: "prp-ff-estate", name: "estateId",
            options: [("", Text("全部", "All")(l))] + PropertyOperationsPages.estateOptions(m.estates), selected: q["estateId"] ?? "")))
        \(FormControls.field(Text("状态", "Status")(l), for: "prp-ff-status", FormControls.select(id: "prp-ff-status", name: "status",
            options: [("", Text("全部", "All")(l))] + ForumStatus.allCases.map { ($0.rawValue, PropertyVisitInput.statusLabel($0)(l)) }, selected: q["status"] ?? "")))
        <button type="submit" id="prp-ff-apply">\(Text("查询", "Search"), l)</button></form>
        \(table)
        \(FormControls.pager(basePath: Self.forumPath, query: filterQuery, page: m.forums.page, per: m.forums.per, total: m.forums.total, locale: l))
        \(form)
        """
        return shell.render(page, title: Text("业主座谈会", "Owner forums"), active: "property-forums", body: body).response()
    }

    func plan(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let values = PropertyPages.values(try await FormData.read(request))
        let f = try await visits.planForum(estateId: values["estateId"] ?? "", FlatBody(values), by: principal)
        return Redirect.to("\(Self.forumPath)/\(f.id)?notice=property-visit&what=forum")
    }

    func forum(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let f = try await visits.forum(id: try context.parameters.require("id"), viewer: principal)
        let base = "\(Self.forumPath)/\(f.id)"
        func card(_ id: String, _ title: Text, _ action: String, _ fields: (FormState) -> HTML, button: Text) -> HTML {
            let s = page.formState(action: action)
            return """
            <section class="card no-print" id="\(id)"><h2>\(title, l)</h2>
            \(s.error.map { FormControls.errorBox($0, l, id: id + "-error") } ?? .empty)
            <form method="post" action="\(action)" id="\(id)-form">\(page.csrfField)<div class="grid one-column">\(fields(s))</div>
            <div class="actions"><button type="submit" id="\(id)-save">\(button, l)</button></div></form></section>
            """
        }
        let hold: HTML = f.mayHold ? card("prp-forum-hold", Text("登记召开情况", "Record the forum as held"), base + "/hold", { s in
            """
            \(PropertyPages.field(s, "prp-hold", "attendeeCount", Text("参加业主人数", "Owners attending"), l, type: "number", attributes: "required min=\"1\" inputmode=\"numeric\""))
            \(PropertyOperationsPages.textarea(s, "prp-hold-attendees", "attendees", Text("参加业主（姓名或房号）", "Attendees (names or rooms)"), l))
            \(PropertyOperationsPages.textarea(s, "prp-hold-minutes", "minutes", Text("会议纪要", "Minutes"), l, required: true))
            """
        }, button: Text("保存", "Save")) : .empty
        let cancel: HTML = f.mayCancel ? card("prp-forum-cancel", Text("取消座谈会", "Cancel the forum"), base + "/cancel", { s in
            PropertyOperationsPages.textarea(s, "prp-cancel-reason", "reason", Text("取消原因", "Reason"), l, required: true)
        }, button: Text("取消座谈会", "Cancel the forum")) : .empty
        let add: HTML = f.mayAddResolution ? card("prp-resolution-new", Text("添加决议", "Add a resolution"), base + "/resolutions", { s in
            """
            \(PropertyOperationsPages.textarea(s, "prp-resolution-content", "content", Text("决议事项", "Resolution"), l, required: true))
            \(PropertyPages.field(s, "prp-resolution", "owner", Text("负责人", "Owner"), l, attributes: "required"))
            \(PropertyPages.field(s, "prp-resolution", "dueOn", Text("完成期限", "Due date"), l, type: "date", attributes: "required"))
            """
        }, button: Text("添加", "Add")) : .empty
        let open = f.resolutions.filter { !$0.closed }
        let closeOne: HTML = f.mayCloseResolutions && !open.isEmpty ? card("prp-resolution-close", Text("关闭决议", "Close a resolution"), base + "/resolutions/close", { s in
            """
            \(PropertyPages.choose(s, "prp-resolution-close", "seq", Text("决议", "Resolution"), l, open.map { (String($0.seq), "\($0.seq). \($0.content)") }))
            \(PropertyOperationsPages.textarea(s, "prp-resolution-note", "note", Text("完成情况", "What was done"), l, required: true))
            """
        }, button: Text("关闭决议", "Close the resolution")) : .empty
        let closeForum: HTML = f.mayClose ? card("prp-forum-close", Text("关闭座谈会", "Close the forum"), base + "/close", { _ in
            "<p class=\"hint\">\(Text("所有决议都已关闭。", "Every resolution is closed."), l)</p>"
        }, button: Text("关闭座谈会", "Close the forum")) : .empty
        let resolutions: HTML = f.resolutions.isEmpty ? "<p class=\"empty\" id=\"prp-no-resolutions\">\(Text("没有决议", "No resolutions"), l)</p>"
            : DataTable.render(id: "prp-resolutions", headers: [Text("序号", "No."), Text("决议事项", "Resolution"), Text("负责人", "Owner"), Text("完成期限", "Due"),
                                                                Text("完成情况", "Done")].map { $0(l) },
                               rows: f.resolutions.map { r in
                                   DataTable.Row(plain: ["\(r.seq)", "\(r.content)", "\(r.owner)", "\(r.dueOn)",
                                                         r.closed ? "<span class=\"badge ok\">\(Text("已关闭", "Closed")(l))</span> \(r.closedNote ?? "") · \(r.closedBy ?? "")"
                                                                  : "<span class=\"badge late\">\(Text("未关闭", "Open")(l))</span>"],
                                                 attributes: "class=\"prp-resolution\" data-seq=\"\(r.seq)\" data-closed=\"\(r.closed ? "1" : "0")\"")
                               })
        let held: HTML = f.minutes.map { m -> HTML in
            """
            <section class="card" id="prp-forum-minutes"><h2>\(Text("会议纪要", "Minutes"), l)</h2>
            <p class="meta">\(Text("参加业主：", "Attending: "), l)<span id="prp-forum-attendee-count">\(f.attendeeCount.map(String.init) ?? "—")</span> \(f.attendees ?? "")</p>
            <p id="prp-forum-minutes-text">\(m)</p></section>
            """
        } ?? .empty
        let body: HTML = """
        <h1 id="prp-forum-title">\(Text("业主座谈会", "Owner forum"), l) \(f.number)</h1>
        <p class="meta" id="prp-forum-meta">\(f.estateName) · \(f.place) · \(f.heldOn) \(f.heldTime ?? "") · \(Text("主持人", "Host"), l) \(f.host) · <span id="prp-forum-status">\(Self.forumBadge(f.status, l))</span></p>
        <section class="card"><h2>\(f.topic)</h2>
        \(f.cancelReason.map { r -> HTML in "<p id=\"prp-forum-cancel-reason\"><strong>\(Text("取消原因：", "Cancelled: "), l)</strong>\(r)</p>" } ?? .empty)
        <p class="meta">\(Text("登记：", "Recorded by: "), l)\(f.recordedBy) · \(f.recordedAt)</p></section>
        \(held)
        <section class="card" id="prp-forum-resolutions"><h2>\(Text("决议", "Resolutions"), l)</h2>\(resolutions)</section>
        <p class="actions no-print"><button type="button" id="prp-print" onclick="window.print()">\(Text("打印", "Print"), l)</button>
        <a href="\(Self.forumPath)">\(Text("返回", "Back"), l)</a></p>
        \(hold)
        \(add)
        \(closeOne)
        \(closeForum)
        \(cancel)
        """
        return shell.render(page, title: Text("座谈会 " + f.number, "Forum " + f.number), active: "property-forums", body: body, breadcrumbs: .underActive).response()
    }

    func forumStep(_ request: Request, _ context: KefuContext, _ what: String) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let body = FlatBody(PropertyPages.values(try await FormData.read(request)))
        switch what {
        case "hold": _ = try await visits.holdForum(id: id, body, by: principal)
        case "resolution": _ = try await visits.addResolution(id: id, body, by: principal)
        case "resolution-closed": _ = try await visits.closeResolution(id: id, body, by: principal)
        case "cancel": _ = try await visits.cancelForum(id: id, body, by: principal)
        default: _ = try await visits.closeForum(id: id, by: principal)
        }
        return Redirect.to("\(Self.forumPath)/\(id)?notice=property-visit&what=\(what)")
    }
}

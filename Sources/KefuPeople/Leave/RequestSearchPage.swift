import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15 leftovers: 换班与请假查询 — the swaps or leave requests the viewer may see, filtered by person, state, month and
/// number, paginated; the quick search's hits for HB-/QJ- numbers land here.
extension PeoplePages {
    static let requestSearchPath = "/people/requests"

    static let requestSearchNav = NavItem(id: "people-requests", href: requestSearchPath, label: Text("换班与请假查询", "Find swaps and leave"),
                                          area: .people, group: Text("排班", "Rosters"), isVisible: { RosterRoles.isStaff($0.roles) })

    func registerRequestSearch(on router: Router<KefuContext>) {
        router.get("/people/requests") { request, context in try await requestSearch(request, context) }
    }

    func requestSearch(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let page = Self.page(request, context)
        let l = page.locale
        let q = request.queryDictionary
        let filter = try RequestFilter.from(q)
        let m = try await swaps.requestSearchPage(filter, viewer: principal, paging: try Paging.from(q, defaultPer: 20))
        let title = Text("换班与请假查询", "Find swaps and leave")
        let kinds = [("swap", Text("换班单", "Swap forms")(l)), ("leave", Text("请假单", "Leave requests")(l))]
        let people = [("", Text("（全部）", "(everyone)")(l))] + m.people.map { ($0.id, $0.name) }
        let states = [("", Text("（全部）", "(any)")(l))] + (RequestFilter.states[filter.kind] ?? []).map { ($0, Self.statusLabel($0)(l)) }
        let list: HTML, pager: HTML
        if let s = m.swaps {
            list = swapTable(s.items, page: page, back: "my-shifts", id: "request-results")
            pager = FormControls.pager(basePath: Self.requestSearchPath, query: filter.query, page: s.page, per: s.per, total: s.total, locale: l)
        } else if let v = m.leaves {
            list = leaveTable(v.items, page: page, id: "request-results")
            pager = FormControls.pager(basePath: Self.requestSearchPath, query: filter.query, page: v.page, per: v.per, total: v.total, locale: l)
        } else {
            list = .empty
            pager = .empty
        }
        let body: HTML = """
        <h1 id="requests-title">\(title, l)</h1>
        <form method="get" action="\(Self.requestSearchPath)" class="toolbar filters" id="request-filter">
        \(FormControls.field(Text("类别", "Kind")(l), for: "request-kind", FormControls.select(id: "request-kind", name: "kind", options: kinds, selected: filter.kind.rawValue)))
        \(FormControls.field(Text("人员", "Person")(l), for: "request-person", FormControls.select(id: "request-person", name: "person", options: people, selected: filter.person)))
        \(FormControls.field(Text("状态", "State")(l), for: "request-status", FormControls.select(id: "request-status", name: "status", options: states, selected: filter.status)))
        \(FormControls.field(Text("月份", "Month")(l), for: "request-month", FormControls.input(id: "request-month", name: "month", type: "month", value: filter.month)))
        \(FormControls.field(Text("单号", "No.")(l), for: "request-number", FormControls.input(id: "request-number", name: "number", type: "search", value: filter.number, attributes: "placeholder=\"HB-2026-000001\"")))
        <button type="submit" id="request-find">\(Text("查找", "Find"), l)</button></form>
        \(list)
        \(pager)
        """
        return shell.render(page, title: title, active: "people-requests", body: body).response()
    }
}

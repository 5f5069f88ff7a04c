import Foundation
import Hummingbird
import Testing

/// #11.5: the main menu grouped by work area and shown per role (an area with no entry the user may see is not
/// drawn), the materials entries grouped as DOC-01 says, the quick search in the header, breadcrumbs on record pages.
@Suite("Navigation: grouped menu per role, quick search, breadcrumbs (#11.5)")
struct NavigationTests {
    static let areas = ["desk", "aftersales", "materials", "people", "reports", "admin"]

    static func areasShown(_ html: String) -> Set<String> {
        Set(areas.filter { html.contains("id=\"nav-area-\($0)\"") })
    }

    static func page(_ app: TestApp, _ user: String, _ path: String = "/tickets") async throws -> String {
        let s = PageSession(app)
        let signedIn = try await s.signIn(user, user == "admin" ? TestApp.adminPassword : "password-\(user)")
        #expect(signedIn.status == .seeOther, "sign-in of \(user)")
        let r = try await s.get(path)
        #expect(r.status == .ok, "\(user) GET \(path): \(r.status)")
        return r.text
    }

    @Test func eachRoleSeesOnlyTheAreasItWorksIn() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let root = try await app.rootUnitId(f.admin)
            _ = try await app.createUser(f.admin, "supervisor", roles: ["cs_supervisor"], unitId: root)
            _ = try await app.createUser(f.admin, "qauser", roles: ["qa"], unitId: root)
            let customer = try await app.call(.post, "/api/v1/customers", token: f.agent, json: ["name": "华能某风电场", "phone": "13900001111"])
            _ = try await app.createUser(f.admin, "client", roles: ["customer"], unitId: root, customerId: customer.string("id"))

            let agent = try await Self.page(app, "agent")
            #expect(Self.areasShown(agent) == ["desk", "aftersales", "reports", "people"], "cs_agent (#15: 人员 › 排班 for every staff member): \(Self.areasShown(agent))")
            #expect(agent.contains("id=\"nav-aftersales-reports\"") && !agent.contains("id=\"nav-reports\""), "售后报表 yes, 服务指标 is the supervisors'")
            #expect(agent.contains("id=\"nav-new-ticket\""))
            #expect(agent.contains("id=\"nav-chats\" href=\"/chats\""), "#16.4 live chat for those who work tickets")
            #expect(!agent.contains("id=\"nav-admin-users\""))

            let keeper = try await Self.page(app, "keepa1")
            #expect(Self.areasShown(keeper).contains("materials"))
            #expect(!Self.areasShown(keeper).contains("admin") && !keeper.contains("id=\"nav-admin-users\""))
            #expect(keeper.contains("id=\"nav-people-my-shifts\"") && !keeper.contains("id=\"nav-people-approvals\""), "#15: own shifts, no approvals")
            // DOC-01: 供应链 › 库存管理 › 入库业务 / 出库业务 / 调拨业务, each document with its list.
            #expect(keeper.contains("供应链 › 库存管理"))
            for group in ["入库业务", "出库业务", "调拨业务", "库存账表", "基础档案"] { #expect(keeper.contains(group), "group \(group)") }
            #expect(keeper.contains("id=\"nav-new-receipt-doc\" href=\"/materials/documents/new?direction=in\""))
            #expect(keeper.contains("id=\"nav-issues\" href=\"/materials/documents?direction=out\""))
            #expect(!keeper.contains("id=\"nav-new-transfer\""), "a site keeper makes no transfer orders (TRF-04)")

            let accountant = try await Self.page(app, "acca")
            #expect(accountant.contains("id=\"nav-new-transfer\""))

            let supervisor = try await Self.page(app, "supervisor")
            #expect(Self.areasShown(supervisor).isSuperset(of: ["desk", "aftersales", "reports", "admin"]), "\(Self.areasShown(supervisor))")
            #expect(!Self.areasShown(supervisor).contains("materials") && supervisor.contains("id=\"nav-people-approvals\""), "#15: leave approvals")

            let admin = try await Self.page(app, "admin")
            #expect(Self.areasShown(admin).isSuperset(of: ["desk", "people", "admin"]), "\(Self.areasShown(admin))")
            #expect(admin.contains("id=\"nav-admin-users\""))

            let client = try await Self.page(app, "client")
            #expect(Self.areasShown(client) == ["desk"], "customer: \(Self.areasShown(client))")
            #expect(client.contains("id=\"nav-submit-request\""))
            #expect(!client.contains("id=\"nav-chats\""), "#16.4 customers do not answer chats")
            #expect(!client.contains("id=\"quick-search\""), "customers have no quick search over the records")
        }
    }

    @Test func headerHasTheQuickSearchAndTheMenuButtonAndRecordPagesHaveBreadcrumbs() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "面包屑测试")
            let id = t.string("id")!
            let html = try await Self.page(app, "agent", "/tickets/\(id)")
            #expect(html.contains("<form role=\"search\" action=\"/search\" method=\"get\""))
            #expect(html.contains("name=\"q\""))
            #expect(html.contains("<label for=\"quick-search-q\""), "the search box is labelled for screen readers")
            #expect(html.contains("id=\"nav-toggle\" aria-controls=\"main-nav\" aria-expanded=\"false\""))
            // 首页 › 服务台 › 工单 › the ticket.
            let crumbs = html.components(separatedBy: "id=\"breadcrumbs\"").dropFirst().first.map { String($0.prefix(600)) } ?? ""
            #expect(crumbs.contains("<a href=\"/\">首页</a>"), "\(crumbs)")
            #expect(crumbs.contains("服务台"))
            #expect(crumbs.contains("<a href=\"/tickets\">工单</a>"))
            #expect(crumbs.contains("aria-current=\"page\">\(t.string("number")!)"))
            // The current entry is marked in the menu.
            #expect(html.contains("id=\"nav-tickets\" href=\"/tickets\" class=\"active\" aria-current=\"page\""))
            // A list page reached from the menu has none.
            let list = try await Self.page(app, "agent", "/tickets")
            #expect(!list.contains("id=\"breadcrumbs\""))
        }
    }
}

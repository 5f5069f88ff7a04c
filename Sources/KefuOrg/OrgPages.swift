import Hummingbird
import KefuDomain
import KefuPlatform

/// Administration pages: org units and users (create, edit, deactivate; users are never deleted).
public struct OrgPages: Sendable {
    let org: OrgService
    let shell: PageShell

    public init(org: OrgService, shell: PageShell) {
        self.org = org
        self.shell = shell
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/admin/units") { request, context in
            try await unitsPage(request, context)
        }
        router.post("/admin/units") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            // #11.2: a refusal is kept and answered with a redirect by FormFlashMiddleware (POST-redirect-GET).
            let unit = try await org.createUnit(.init(code: form["code"], name: form["name"], kind: form["kind"], parentId: form["parentId"]), by: principal)
            return Redirect.to("/admin/units?notice=unit_created&what=" + urlQueryValue(unit.code))
        }
        router.get("/admin/units/:id") { request, context in
            try await unitEditPage(request, context)
        }
        router.post("/admin/units/:id") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let id = try context.parameters.require("id")
            let unit = try await org.updateUnit(id: id, .init(name: form["name"], kind: form["kind"], active: form["active"] == "1"), by: principal)
            return Redirect.to("/admin/units?notice=unit_saved&what=" + urlQueryValue(unit.code))
        }
        // #14 item 6: the unit's feature switches (a refusal is kept and shown on the unit's page by FormFlashMiddleware).
        router.post("/admin/units/:id/features") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let id = try context.parameters.require("id")
            _ = try await org.setFeatures(unitId: id, OrgFeatureSection.input(form), by: principal)
            return Redirect.to("/admin/units/\(id)?notice=settings_saved")
        }
        router.get("/admin/users") { request, context in
            try await usersPage(request, context)
        }
        router.get("/admin/users/new") { request, context in
            try await userFormPage(request, context, userId: nil)
        }
        router.post("/admin/users") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            let user = try await org.createUser(Self.userInput(form, creating: true), by: principal)
            return Redirect.to("/admin/users/\(user.id)?notice=user_created&what=" + urlQueryValue(user.username))
        }
        router.get("/admin/users/:id") { request, context in
            try await userFormPage(request, context, userId: try context.parameters.require("id"))
        }
        router.post("/admin/users/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await FormData.read(request)
            let user = try await org.updateUser(id: id, Self.userInput(form, creating: false), by: principal,
                                                current: context.session.map { .session(idHash: $0.idHash) })
            return Redirect.to("/admin/users/\(id)?notice=user_saved&what=" + urlQueryValue(user.username))
        }
    }

    static func userInput(_ form: FormData, creating: Bool) -> OrgService.UserInput {
        let roles = Role.allCases.map(\.rawValue).filter { form["role_\($0)"] == "1" }
        let password = TextRules.trimmed(form["password"])
        return OrgService.UserInput(
            username: creating ? form["username"] : nil,
            password: password,
            displayName: form["displayName"],
            orgUnitId: form["orgUnitId"],
            roles: roles,
            locale: form["locale"],
            active: creating ? nil : form["active"] == "1",
            currentPassword: creating ? nil : form["currentPassword"],
            keepTokens: creating || password == nil ? nil : form["keepTokens"] == "1"
        )
    }

    func adminOnly(_ context: KefuContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.isAdmin else { throw AppError.forbidden(Text("只有系统管理员可以访问此页面", "Only administrators can open this page")) }
        return principal
    }

    func unitsPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try adminOnly(context)
        let page = context.page(request)
        let l = page.locale
        let units = try await org.units(viewer: principal, paging: Paging(page: 1, per: Paging.maxPer * 5)).items
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
        // #11.5: a list table (DataTable): on a phone each unit is a card of labelled lines.
        let rows: [DataTable.Row] = units.map { u in
            let depth = u.path.split(separator: "/").count - 1
            let indent = String(repeating: "　", count: depth)
            let state = u.active ? Text("启用", "Active") : Text("已停用", "Inactive")
            let edit: HTML = principal.covers(unitPath: u.path) ? "<a href=\"/admin/units/\(u.id)\">\(Text("编辑", "Edit")(l))</a>" : .empty
            return DataTable.Row(plain: ["\(u.code)", "\(indent)\(u.name)", "\(OrgLabels.kind(u.kind), l)", "\(u.parentId.flatMap { names[$0] } ?? "—")",
                                         "\(state, l)", edit], attributes: "class=\"unit-row\"")
        }
        let parentOptions = units.filter { $0.active && principal.covers(unitPath: $0.path) }.map { ($0.id, $0.code + " " + $0.name) }
        let kindOptions = OrgUnitKind.allCases.map { ($0.rawValue, OrgLabels.kind($0.rawValue)(l)) }
        let body: HTML = """
        <h1>\(Text("组织架构", "Organisation"), l)</h1>
        \(DataTable.render(id: "unit-list", headers: [Text("编码", "Code"), Text("名称", "Name"), Text("类型", "Kind"), Text("上级", "Parent"),
                                                      Text("状态", "State"), Text("操作", "Actions")].map { $0(l) }, rows: rows))
        <section class="card"><h2>\(Text("新建组织", "New org unit"), l)</h2>
        <form method="post" action="/admin/units" id="unit-form">\(page.csrfField)
          <div class="grid">
          \(FormControls.field(Text("编码", "Code")(l), for: "unit-code", FormControls.input(id: "unit-code", name: "code", attributes: "required maxlength=\"40\"")))
          \(FormControls.field(Text("名称", "Name")(l), for: "unit-name", FormControls.input(id: "unit-name", name: "name", attributes: "required maxlength=\"100\"")))
          \(FormControls.field(Text("类型", "Kind")(l), for: "unit-kind", FormControls.select(id: "unit-kind", name: "kind", options: kindOptions, selected: "department")))
          \(FormControls.field(Text("上级组织", "Parent")(l), for: "unit-parent", FormControls.select(id: "unit-parent", name: "parentId", options: parentOptions, selected: principal.orgUnitId)))
          </div>
          <button type="submit" id="unit-create">\(Text("创建", "Create"), l)</button>
        </form></section>
        """
        return shell.render(page, title: Text("组织架构", "Organisation"), active: "admin-units", body: body).response()
    }

    func unitEditPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try adminOnly(context)
        let page = context.page(request)
        let l = page.locale
        let model = try await org.unitEditPageModel(unitId: try context.parameters.require("id"), viewer: principal) // #11.6 one read
        let unit = model.unit
        let kindOptions = OrgUnitKind.allCases.map { ($0.rawValue, OrgLabels.kind($0.rawValue)(l)) }
        let body: HTML = """
        <h1>\(Text("编辑组织", "Edit org unit"), l) · \(unit.code)</h1>
        <form method="post" action="/admin/units/\(unit.id)" class="card" id="unit-edit-form">\(page.csrfField)
          \(FormControls.field(Text("名称", "Name")(l), for: "unit-name", FormControls.input(id: "unit-name", name: "name", value: unit.name, attributes: "required maxlength=\"100\"")))
          \(FormControls.field(Text("类型", "Kind")(l), for: "unit-kind", FormControls.select(id: "unit-kind", name: "kind", options: kindOptions, selected: unit.kind)))
          <div class="field"><label><input type="checkbox" name="active" value="1" \(unit.active ? "checked" : "")> \(Text("启用", "Active"), l)</label></div>
          <div class="actions"><button type="submit" id="unit-save">\(Text("保存", "Save"), l)</button><a href="/admin/units">\(Text("返回", "Back"), l)</a></div>
        </form>
        \(principal.covers(unitPath: unit.path) ? OrgFeatureSection.render(model.features, unitId: unit.id, page: page) : .empty)
        """
        return shell.render(page, title: Text("编辑组织", "Edit org unit"), active: "admin-units", body: body).response()
    }

    func usersPage(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try adminOnly(context)
        let page = context.page(request)
        let l = page.locale
        let query = request.queryDictionary
        let paging = try Paging.from(query)
        // #11.6: the page's users and the filter's units come from one read.
        let model = try await org.userListPageModel(filter: .init(orgUnitId: TextRules.trimmed(query["orgUnitId"]), q: query["q"]), paging: paging, viewer: principal)
        let list = model.users, units = model.units
        let unitNames = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.name) })
        let rows: [DataTable.Row] = list.items.map { u in
            let roles = u.roles.compactMap { Role(rawValue: $0) }.map { OrgLabels.role($0)(l) }.joined(separator: "、")
            let state = u.active ? Text("启用", "Active") : Text("已停用", "Inactive")
            return DataTable.Row(plain: ["<a href=\"/admin/users/\(u.id)\">\(u.username)</a>", "\(u.displayName)", "\(unitNames[u.orgUnitId] ?? "")",
                                         "\(roles)", "\(state, l)"], attributes: "class=\"user-row\"")
        }
        let empty: HTML = list.items.isEmpty ? "<p class=\"empty\" id=\"empty-state\">\(Text("没有符合条件的用户", "No users match"), l)</p>" : .empty
        let unitOptions = [("", Text("全部组织", "All units")(l))] + units.map { ($0.id, $0.name) }
        let body: HTML = """
        <h1>\(Text("用户", "Users"), l)</h1>
        <form method="get" action="/admin/users" class="toolbar" id="user-filter">
          \(FormControls.field(Text("搜索", "Search")(l), for: "user-q", FormControls.input(id: "user-q", name: "q", type: "search", value: query["q"])))
          \(FormControls.field(Text("组织", "Unit")(l), for: "user-unit", FormControls.select(id: "user-unit", name: "orgUnitId", options: unitOptions, selected: query["orgUnitId"])))
          <button type="submit" class="secondary">\(Text("筛选", "Filter"), l)</button>
          <a class="button" href="/admin/users/new" id="user-new">\(Text("新建用户", "New user"), l)</a>
        </form>
        \(DataTable.render(id: "user-list", headers: [Text("用户名", "Username"), Text("姓名", "Name"), Text("组织", "Unit"), Text("角色", "Roles"),
                                                      Text("状态", "State")].map { $0(l) }, rows: rows))
        \(empty)
        \(FormControls.pager(basePath: "/admin/users", query: query, page: list.page, per: list.per, total: list.total, locale: l))
        """
        return shell.render(page, title: Text("用户", "Users"), active: "admin-users", body: body).response()
    }

    /// `userId` nil: a new user. #11.6: the user and the unit choices come from one read.
    func userFormPage(_ request: Request, _ context: KefuContext, userId: String?) async throws -> Response {
        // A new user's form is refused before anything is read; an unknown user answers 404 as before.
        let principal = userId == nil ? try adminOnly(context) : try context.requirePrincipal()
        let model = try await org.userFormPageModel(userId: userId, viewer: principal)
        _ = try adminOnly(context)
        let user = model.user
        let page = context.page(request)
        let l = page.locale
        let units = model.units.filter { principal.covers(unitPath: $0.path) }
        let unitOptions = units.map { ($0.id, $0.code + " " + $0.name) }
        let creating = user == nil
        let action = creating ? "/admin/users" : "/admin/users/\(user!.id)"
        // #11.2: a refused form is drawn again from what was typed, the reason under its field.
        let state = page.formState(action: action)
        let form: FormState? = state.error == nil ? nil : state
        let currentRoles = Set(form.map { f in Role.allCases.map(\.rawValue).filter { f.value("role_\($0)") == "1" } } ?? user?.roles ?? ["cs_agent"])
        let roleBoxes: [HTML] = Role.allCases.map { role in
            "<label class=\"role\"><input type=\"checkbox\" name=\"role_\(role.rawValue)\" value=\"1\" id=\"role-\(role.rawValue)\" \(currentRoles.contains(role.rawValue) ? "checked" : "")> \(OrgLabels.role(role), l)</label>"
        }
        let usernameField: HTML = creating
            ? FormControls.field(Text("用户名", "Username")(l), for: "user-username", FormControls.input(id: "user-username", name: "username", value: form?.value("username"), attributes: "required maxlength=\"40\""), error: state.message(for: "username", l))
            : "<p><strong>\(Text("用户名", "Username"), l):</strong> \(user!.username)</p>"
        let activeField: HTML = creating ? .empty
            : "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\" id=\"user-active\" \((form.map { $0.value("active") == "1" } ?? user!.active) ? "checked" : "")> \(Text("启用（停用后无法登录，历史记录保留）", "Active (a deactivated user cannot sign in; history stays)"), l)</label></div>"
        // #10.8: changing one's own password proves the current one; a reset revokes API tokens unless kept by choice.
        let isSelf = user?.id == principal.userId
        let currentField: HTML = isSelf
            ? FormControls.field(Text("当前密码（修改自己的密码时必填）", "Current password (to change your own)")(l), for: "user-current-password",
                                 FormControls.input(id: "user-current-password", name: "currentPassword", type: "password", attributes: "autocomplete=\"current-password\" maxlength=\"1024\""))
            : .empty
        let passwordExtras: HTML = creating ? .empty : """
            \(currentField)
            <div class="field"><label><input type="checkbox" name="keepTokens" value="1" id="user-keep-tokens"> \(Text("修改密码时保留该用户的 API 令牌（默认全部撤销）", "Keep the user's API tokens when the password changes (by default all are revoked)"), l)</label></div>
            """
        let body: HTML = """
        <h1>\(creating ? Text("新建用户", "New user") : Text("编辑用户", "Edit user"), l)</h1>
        <form method="post" action="\(action)" class="card" id="user-form">\(page.csrfField)
          \(usernameField)
          <div class="grid">
          \(FormControls.field(Text("姓名", "Display name")(l), for: "user-display", FormControls.input(id: "user-display", name: "displayName", value: form?.value("displayName") ?? user?.displayName, attributes: "required maxlength=\"100\""), error: state.message(for: "displayName", l)))
          \(FormControls.field(Text("所属组织", "Org unit")(l), for: "user-unit", FormControls.select(id: "user-unit", name: "orgUnitId", options: unitOptions, selected: form?.value("orgUnitId") ?? user?.orgUnitId), error: state.message(for: "orgUnitId", l)))
          \(FormControls.field(Text("语言", "Language")(l), for: "user-locale", FormControls.select(id: "user-locale", name: "locale", options: [("zh-CN", "简体中文"), ("en", "English")], selected: form?.value("locale") ?? user?.locale ?? "zh-CN"), error: state.message(for: "locale", l)))
          \(FormControls.field(creating ? Text("密码", "Password")(l) : Text("重置密码（留空不修改）", "Reset password (leave empty to keep)")(l), for: "user-password", FormControls.input(id: "user-password", name: "password", type: "password", attributes: (creating ? "required " : "") + "autocomplete=\"new-password\" minlength=\"8\" maxlength=\"256\""), error: state.message(for: "password", l)))
          \(passwordExtras)
          </div>
          <fieldset><legend>\(Text("角色", "Roles"), l)</legend><div class="grid">\(roleBoxes)</div></fieldset>
          \(activeField)
          <div class="actions"><button type="submit" id="user-save">\(Text("保存", "Save"), l)</button><a href="/admin/users">\(Text("返回", "Back"), l)</a></div>
        </form>
        """
        return shell.render(page, title: creating ? Text("新建用户", "New user") : Text("编辑用户", "Edit user"), active: "admin-users", body: body)
            .response()
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #16 item 5: reading the reply templates. The viewer sees the templates in force for their unit (company-wide and
/// each unit above theirs, `ReplyTemplateRules.pathsInForce`) and, where they may write templates, those of the units
/// below them too.
enum ReplyTemplateQueries {
    static let columns = "id, org_unit_id, org_path, kind, channel, category, title, code, body, locale, active, updated_at"

    struct Row {
        let id: String
        let orgUnitId: String?
        let orgPath: String
        let kind: String
        let channel: String?
        let category: String
        let title: String
        let code: String?
        let body: String
        let locale: String
        let active: Bool
        let updatedAt: Int64

        init(_ r: any SQLRow) throws {
            id = try r.decode(column: "id", as: String.self)
            orgUnitId = try r.decode(column: "org_unit_id", as: String?.self)
            orgPath = try r.decode(column: "org_path", as: String.self)
            kind = try r.decode(column: "kind", as: String.self)
            channel = try r.decode(column: "channel", as: String?.self)
            category = try r.decode(column: "category", as: String.self)
            title = try r.decode(column: "title", as: String.self)
            code = try r.decode(column: "code", as: String?.self)
            body = try r.decode(column: "body", as: String.self)
            locale = try r.decode(column: "locale", as: String.self)
            active = try r.decode(column: "active", as: Int.self) != 0
            updatedAt = try r.decode(column: "updated_at", as: Int64.self)
        }
    }

    struct Filter {
        var kind: String?
        var channel: String?
        var locale: String?
        var q: String?
        var includeInactive = false

        static func parse(_ query: [String: String]) throws -> Filter {
            func value(_ k: String) -> String? { query[k].flatMap { $0.isEmpty ? nil : $0 } }
            if let k = value("kind"), ReplyTemplateRules.Kind(rawValue: k) == nil { throw AppError.validation("kind", ReplyTemplateMessages.text(.badKind)) }
            if let c = value("channel"), TicketChannel(rawValue: c) == nil { throw AppError.validation("channel", ReplyTemplateMessages.text(.badChannel)) }
            if let l = value("locale"), !ReplyTemplateRules.locales.contains(l) { throw AppError.validation("locale", ReplyTemplateMessages.text(.badLocale)) }
            return Filter(kind: value("kind"), channel: value("channel"), locale: value("locale"), q: value("q").map { String($0.prefix(100)) },
                          includeInactive: ["1", "true"].contains(value("includeInactive") ?? ""))
        }
    }

    static func row(_ db: any SQLDatabase, id: String) async throws -> Row? {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM reply_templates WHERE id = \(bind: id)").first().map(Row.init)
    }

    static func mayEdit(_ row: Row, _ viewer: Principal) -> Bool {
        ReplyTemplateRules.mayManage(roles: viewer.roles, userPath: viewer.orgPath, templatePath: row.orgPath)
    }

    /// The templates the viewer sees: in force for their unit, and (for those who write templates) their units' below.
    static func scope(_ viewer: Principal) -> SQLQueryString {
        let inForce = SQLList(ReplyTemplateRules.pathsInForce(userPath: viewer.orgPath).map { SQLBind($0) })
        guard viewer.isAdmin || viewer.has(.manageReplyTemplates) else { return "org_path IN (\(inForce))" }
        return "(org_path IN (\(inForce)) OR org_path LIKE \(bind: viewer.orgPath + "%"))"
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal) async throws -> ListPage<ReplyTemplateView> {
        var conditions: [SQLQueryString] = [scope(viewer)]
        if !f.includeInactive { conditions.append("active = 1") }
        if let k = f.kind { conditions.append("kind = \(bind: k)") }
        if let c = f.channel { conditions.append("(channel = \(bind: c) OR channel IS NULL)") }
        if let l = f.locale { conditions.append("locale = \(bind: l)") }
        if let q = f.q {
            let like = "%" + q.lowercased() + "%"
            conditions.append("(LOWER(title) LIKE \(bind: like) OR LOWER(body) LIKE \(bind: like) OR code LIKE \(bind: like) OR LOWER(category) LIKE \(bind: like))")
        }
        let page = try await RegisterQuery.page(db, from: "reply_templates", select: "SELECT \(columns) FROM reply_templates", where: conditions,
                                                order: "kind, category, title, locale, id", paging: paging)
        let rows = try page.rows.map(Row.init)
        let names = try await OrgQueries.unitNames(db, ids: Set(rows.compactMap(\.orgUnitId)))
        return ListPage(items: rows.map { view($0, names: names, viewer: viewer) }, page: paging.page, per: paging.per, total: page.total)
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ReplyTemplateView {
        guard let row = try await row(db, id: id) else { throw AppError.notFound(Text("回复模板", "Reply template")) }
        let names = try await OrgQueries.unitNames(db, ids: Set([row.orgUnitId].compactMap { $0 }))
        return view(row, names: names, viewer: viewer)
    }

    static func view(_ row: Row, names: [String: String], viewer: Principal) -> ReplyTemplateView {
        ReplyTemplateView(id: row.id, orgUnitId: row.orgUnitId,
                          orgUnitName: row.orgUnitId.flatMap { names[$0] } ?? Text("全公司", "Whole company")(viewer.locale),
                          kind: row.kind, channel: row.channel, category: row.category, title: row.title, code: row.code, body: row.body,
                          locale: row.locale, active: row.active, updatedAt: Times.rfc3339(row.updatedAt), mayEdit: mayEdit(row, viewer))
    }

    /// The active templates in force for a user of the unit at `userPath`, for a ticket of `channel`: greetings first,
    /// then phrases, then closings; the viewer's language first.
    static func inForce(_ db: any SQLDatabase, userPath: String, channel: String?, locale: AppLocale) async throws -> [Row] {
        let paths = SQLList(ReplyTemplateRules.pathsInForce(userPath: userPath).map { SQLBind($0) })
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: columns) FROM reply_templates
            WHERE active = 1 AND org_path IN (\(paths)) AND (channel IS NULL OR channel = \(bind: channel ?? "")) AND kind <> 'acknowledgement'
            ORDER BY category, title, id LIMIT 500
            """).all().map(Row.init)
        let order: [String: Int] = ["greeting": 0, "phrase": 1, "closing": 2]
        let mine = locale == .zhCN ? "zh-CN" : "en"
        return rows.enumerated().sorted { a, b in
            let ka = (order[a.element.kind] ?? 3, a.element.locale == mine ? 0 : 1, a.offset)
            let kb = (order[b.element.kind] ?? 3, b.element.locale == mine ? 0 : 1, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// The ticket's values of the template variables (CH-04: the office, then the agent).
    static func render(_ rows: [Row], values: [String: String]) -> [RenderedReplyTemplate] {
        rows.map { r in
            RenderedReplyTemplate(id: r.id, kind: r.kind, channel: r.channel, category: r.category, title: r.title, code: r.code, locale: r.locale,
                                  text: ReplyTemplateRules.render(r.body, values: values))
        }
    }
}

import Hummingbird
import KefuDomain
import KefuPlatform

/// #16 item 5 (CH-03, CH-04): REST endpoints of the reply templates, and a ticket's templates filled in.
public struct ReplyTemplateAPI: Sendable {
    let templates: ReplyTemplateService
    let queries: TicketQueries

    public init(templates: ReplyTemplateService, queries: TicketQueries) {
        self.templates = templates
        self.queries = queries
    }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let kind = JSONValue.enumOf(ReplyTemplateRules.Kind.self)
        let channel: JSONValue = ["type": ["string", "null"], "enum": .array(TicketChannel.allCases.map { .string($0.rawValue) } + [.null]),
                                  "description": "null: every channel"]
        let variables = "Variables in braces: " + ReplyTemplateRules.variables.map { "{\($0)}" }.joined(separator: ", ") + " (or 客户, 工单号, 客服, 时限, 部门)"
        routes.schema("ReplyTemplateInput", ["type": "object", "required": ["title", "body"], "properties": [
            "orgUnitId": ["type": ["string", "null"], "description": "the unit it holds for (and below); empty: the whole company (head office only); default the caller's unit"],
            "kind": kind, "channel": channel, "category": str, "title": str,
            "code": ["type": ["string", "null"], "description": "shortcut typed in the reply box: letters, digits, - and _"],
            "body": ["type": "string", "description": .string(variables)], "locale": ["type": "string", "enum": ["zh-CN", "en"]],
            "active": ["type": "boolean", "description": "on updates: false switches it off"]]])
        routes.schema("ReplyTemplate", ["type": "object", "properties": [
            "id": str, "orgUnitId": optStr, "orgUnitName": str, "kind": kind, "channel": optStr, "category": str, "title": str, "code": optStr,
            "body": str, "locale": str, "active": ["type": "boolean"], "updatedAt": str, "mayEdit": ["type": "boolean"]]])
        routes.pageSchema("ReplyTemplatePage", item: "ReplyTemplate")
        routes.schema("RenderedReplyTemplate", ["type": "object", "properties": [
            "id": str, "kind": kind, "channel": optStr, "category": str, "title": str, "code": optStr, "locale": str, "text": str]])
        routes.schema("RenderedReplyTemplates", ["type": "object", "properties": [
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/RenderedReplyTemplate"]]]])

        routes.add(.init(.get, "/api/v1/reply-templates", summary: "Reply templates in force for the caller's unit (and, for supervisors, their units below)",
                         tag: "tickets", response: "ReplyTemplatePage", query: ["kind", "channel", "locale", "q", "includeInactive", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await templates.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/reply-templates", summary: "Add a reply template (CS supervisors and managers, administrators; CH-03)",
                         tag: "tickets", request: "ReplyTemplateInput", response: "ReplyTemplate", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await templates.create(body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/reply-templates/{id}", summary: "A reply template", tag: "tickets", response: "ReplyTemplate")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await templates.template(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/reply-templates/{id}", summary: "Change a reply template, or switch it off (active false)",
                         tag: "tickets", request: "ReplyTemplateInput", response: "ReplyTemplate")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await templates.update(id: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.get, "/api/v1/tickets/{id}/reply-templates", summary: "The templates in force for the caller, filled in for the ticket (CH-04)",
                         tag: "tickets", response: "RenderedReplyTemplates")) { _, context in
            let principal = try context.requirePrincipal()
            let items = try await queries.replyTemplates(ticketId: try context.parameters.require("id"), viewer: principal)
            return try JSONIO.response(["items": items])
        }
    }
}

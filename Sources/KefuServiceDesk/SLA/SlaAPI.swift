import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the service standards (API.md "SLA policies", "Calendar", notifications) and unit webhooks.
public struct SlaAPI: Sendable {
    let policies: SlaPolicyService
    let calendar: CalendarService
    let notifications: NotificationService
    let kpis: ServiceKpiService

    public init(policies: SlaPolicyService, calendar: CalendarService, notifications: NotificationService, kpis: ServiceKpiService) {
        self.policies = policies
        self.calendar = calendar
        self.notifications = notifications
        self.kpis = kpis
    }

    struct Items<T: Encodable>: Encodable { let items: [T] }
    struct HoursInput: Decodable { let start: String?; let end: String?; let breakStart: String?; let breakEnd: String? }
    struct Count: Encodable { let unread: Int }

    static func year(_ context: KefuContext) throws -> Int {
        guard let year = Int(try context.parameters.require("year")) else {
            throw AppError.validation("year", Text("年份必须是数字，例如 2027", "The year is a number such as 2027"))
        }
        return year
    }

    public func register(_ routes: ApiRoutes) {
        SlaSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/sla-policies", summary: "SLA policies", tag: "sla", response: "SlaPolicyList")) { _, context in
            try JSONIO.response(Items(items: try await policies.list(viewer: try context.requirePrincipal())))
        }
        routes.add(.init(.post, "/api/v1/sla-policies", summary: "Add an SLA policy (CS managers, administrators)", tag: "sla",
                         request: "SlaPolicyInput", response: "SlaPolicy", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(SlaPolicyInput.self, from: request)
            return try JSONIO.response(try await policies.create(input, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/sla-policies/{id}", summary: "One SLA policy", tag: "sla", response: "SlaPolicy")) { _, context in
            try JSONIO.response(try await policies.get(id: try context.parameters.require("id"), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/sla-policies/{id}", summary: "Replace an SLA policy; tickets keep the targets they started with", tag: "sla",
                         request: "SlaPolicyInput", response: "SlaPolicy")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(SlaPolicyInput.self, from: request)
            return try JSONIO.response(try await policies.replace(id: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.delete, "/api/v1/sla-policies/{id}", summary: "Retire an SLA policy", tag: "sla", status: 204)) { _, context in
            try await policies.delete(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
        routes.add(.init(.get, "/api/v1/business-hours", summary: "Business hours on working days", tag: "sla", response: "BusinessHours")) { _, context in
            try JSONIO.response(try await calendar.businessHours(viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/business-hours", summary: "Set business hours (administrators)", tag: "sla",
                         request: "BusinessHours", response: "BusinessHours")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(HoursInput.self, from: request)
            return try JSONIO.response(try await calendar.setBusinessHours(start: input.start, end: input.end, breakStart: input.breakStart,
                                                                           breakEnd: input.breakEnd, by: principal))
        }
        routes.add(.init(.get, "/api/v1/calendar/days", summary: "Working days, weekends, holidays (放假) and adjusted workdays (调休上班)", tag: "sla",
                         response: "CalendarDayList", query: ["from", "to"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(Items(items: try await calendar.days(from: q["from"], to: q["to"], viewer: try context.requirePrincipal())))
        }
        routes.add(.init(.get, "/api/v1/calendar/years/{year}", summary: "A year's holidays and adjusted workdays", tag: "sla",
                         response: "CalendarYear")) { _, context in
            try JSONIO.response(try await calendar.year(try Self.year(context), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/calendar/years/{year}", summary: "Replace a year's holidays and adjusted workdays (administrators)", tag: "sla",
                         request: "HolidayYear", response: "CalendarYear")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(HolidayYear.self, from: request)
            return try JSONIO.response(try await calendar.replaceYear(try Self.year(context), input, by: principal))
        }

        routes.add(.init(.get, "/api/v1/reports/service-kpis", summary: "Service KPIs: first response, resolution rate against 90 %, escalations",
                         tag: "reports", response: "ServiceKpiReport", query: ["from", "to", "groupBy"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await kpis.report(from: q["from"], to: q["to"], groupBy: q["groupBy"], viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.get, "/api/v1/notifications", summary: "The signed-in user's notifications, newest first", tag: "notifications",
                         response: "NotificationPage", query: ["unread", "page", "per"])) { request, context in
            let q = request.queryDictionary
            let unread = try QueryValues.flag(q["unread"], "unread") ?? false
            return try JSONIO.response(try await notifications.list(for: try context.requirePrincipal(), unreadOnly: unread, paging: try Paging.from(q)))
        }
        routes.add(.init(.get, "/api/v1/notifications/unread-count", summary: "How many notifications are unread (the bell)", tag: "notifications",
                         response: "UnreadCount")) { _, context in
            try JSONIO.response(Count(unread: try await notifications.unreadCount(for: try context.requirePrincipal())))
        }
        routes.add(.init(.post, "/api/v1/notifications/{id}/read", summary: "Mark a notification read", tag: "notifications", status: 204)) { _, context in
            try await notifications.markRead(id: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
        routes.add(.init(.post, "/api/v1/notifications/read-all", summary: "Mark all notifications read", tag: "notifications", status: 204)) { _, context in
            try await notifications.markAllRead(by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
        routes.add(.init(.get, "/api/v1/org-units/{id}/webhook", summary: "The unit's outgoing webhook", tag: "notifications", response: "Webhook")) { _, context in
            try JSONIO.response(try await notifications.webhook(unitId: try context.parameters.require("id"), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/org-units/{id}/webhook", summary: "Set the unit's webhook (signed JSON POST with retries; an internal address is 422 webhook_target_forbidden unless the operator allows the host)", tag: "notifications",
                         request: "WebhookInput", response: "Webhook")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(WebhookInput.self, from: request)
            return try JSONIO.response(try await notifications.setWebhook(unitId: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.delete, "/api/v1/org-units/{id}/webhook", summary: "Remove the unit's webhook", tag: "notifications", status: 204)) { _, context in
            try await notifications.removeWebhook(unitId: try context.parameters.require("id"), by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
    }
}

enum SlaSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let minutes: JSONValue = ["type": "integer", "minimum": 1, "maximum": .number(SlaTargets.maxMinutes)]
        let clock: JSONValue = ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
        let date: JSONValue = ["type": "string", "format": "date"]
        routes.schema("SlaPolicyInput", ["type": "object", "required": ["name", "firstResponseMinutes", "resolutionMinutes", "escalateAfterMinutes"], "properties": [
            "name": .text(max: 100),
            "match": ["type": "object", "properties": ["type": JSONValue.enumOf(TicketType.self), "priority": JSONValue.enumOf(TicketPriority.self),
                                                       "channel": JSONValue.enumOf(TicketChannel.self)]],
            "calendar": JSONValue.enumOf(ClockCalendar.self),
            "firstResponseMinutes": minutes, "resolutionMinutes": minutes, "escalateAfterMinutes": minutes, "active": ["type": "boolean"],
        ]])
        routes.schema("SlaPolicy", ["type": "object", "properties": [
            "id": str, "name": str,
            "match": ["type": "object", "properties": ["type": optStr, "priority": optStr, "channel": optStr]],
            "calendar": str, "firstResponseMinutes": int, "resolutionMinutes": int, "escalateAfterMinutes": int, "active": ["type": "boolean"],
            "createdAt": str, "updatedAt": str,
        ]])
        routes.itemsSchema("SlaPolicyList", item: "SlaPolicy")
        let optClock: JSONValue = ["type": ["string", "null"], "pattern": "^[0-2][0-9]:[0-5][0-9]$"]
        routes.schema("BusinessHours", ["type": "object", "required": ["start", "end"], "properties": [
            "start": clock, "end": clock, "breakStart": optClock, "breakEnd": optClock,
        ]])
        routes.schema("CalendarDay", ["type": "object", "properties": [
            "date": str, "working": ["type": "boolean"],
            "kind": ["type": "string", "enum": .array(["workday", "weekend", "holiday", "adjusted_workday"].map { .string($0) })], "name": optStr,
        ]])
        routes.itemsSchema("CalendarDayList", item: "CalendarDay")
        let holiday: JSONValue = ["type": "object", "required": ["name", "from", "to"], "properties": ["name": .text(max: 40), "from": date, "to": date]]
        routes.schema("HolidayYear", ["type": "object", "required": ["holidays", "workdays"], "properties": [
            "holidays": ["type": "array", "maxItems": 60, "items": holiday], "workdays": ["type": "array", "maxItems": 60, "items": date],
        ]])
        routes.schema("CalendarYear", ["type": "object", "properties": [
            "year": int, "source": ["type": "string", "enum": ["edited", "shipped", "none"]],
            "holidays": ["type": "array", "items": holiday], "workdays": ["type": "array", "items": date],
        ]])
        routes.schema("Notification", ["type": "object", "properties": [
            "id": str, "kind": str, "ticketId": optStr, "title": str, "body": str, "at": str, "readAt": optStr,
            "link": optStr, // #11.4: the record's page on this site; /notifications/{id}/open marks it read and leads there
        ]])
        routes.schema("NotificationPage", ["type": "object", "properties": [
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/Notification"]],
            "page": int, "per": int, "total": int, "unread": int,
        ]])
        let pct: JSONValue = ["type": ["string", "null"], "pattern": "^[0-9]+\\.[0-9]$"]
        let optInt: JSONValue = ["type": ["integer", "null"]]
        routes.schema("ServiceKpiRow", ["type": "object", "properties": [
            "key": str, "name": str,
            "firstResponse": ["type": "object", "properties": ["eligible": int, "responded": int, "withinTarget": int, "withinTargetPercent": pct,
                                                                "medianSeconds": optInt, "p90Seconds": optInt]],
            "resolution": ["type": "object", "properties": ["due": int, "resolvedWithinTarget": int, "ratePercent": pct, "meetsTarget": ["type": ["boolean", "null"]],
                                                             "received": int, "resolved": int, "resolvedPercent": pct]],
            "escalations": ["type": "object", "properties": ["total": int, "late": int, "automatic": int]],
        ]])
        routes.schema("ServiceKpiReport", ["type": "object", "properties": [
            "from": str, "to": str, "groupBy": JSONValue.enumOf(ServiceKpiService.GroupBy.self), "resolutionRateTargetPercent": int,
            "total": ["$ref": "#/components/schemas/ServiceKpiRow"],
            "groups": ["type": "array", "items": ["$ref": "#/components/schemas/ServiceKpiRow"]],
        ]])
        routes.schema("UnreadCount", ["type": "object", "properties": ["unread": int]])
        routes.schema("WebhookInput", ["type": "object", "required": ["url"], "properties": [
            "url": ["type": "string", "format": "uri", "maxLength": 500], "secret": ["type": "string", "minLength": 16, "maxLength": 200],
            "format": JSONValue.enumOf(WebhookConfig.Format.self), "active": ["type": "boolean"],
        ]])
        routes.schema("Webhook", ["type": "object", "properties": [
            "orgUnitId": str, "url": str, "format": str, "active": ["type": "boolean"], "updatedAt": str, "secret": optStr,
        ]])
        // #11.4: what a unit's webhook of format `kefu` receives (`WebhookEvent`); `wecom`/`dingtalk` get the text as a bot message.
        routes.schema("WebhookEvent", ["type": "object", "required": ["event", "at", "orgUnitId", "link", "data", "text"], "properties": [
            "event": ["type": "string", "description": "sla_breach, escalation, or a hand-off (ticket_assigned, complaint_quality, return_finance, capa_overdue, …)"],
            "at": ["type": "string", "format": "date-time"],
            "orgUnitId": str,
            "ticket": ["type": ["object", "null"], "description": "The ticket concerned, if any", "properties": [
                "id": str, "number": str, "subject": str, "priority": str, "status": str, "ownerId": optStr,
            ]],
            "link": ["type": "string", "description": "The record's page: absolute (KEFU_BASE_URL + path) when a base URL is configured, else the path, e.g. /tickets/{id}, /returns/{id}"],
            "data": ["type": "object", "additionalProperties": ["type": "string"]],
            "text": ["type": "object", "description": "The event as one line per language (zh-CN, en)", "additionalProperties": ["type": "string"]],
        ]])
        routes.webhook("unitWebhookEvent", summary: "A unit's webhook: each breach, escalation and hand-off of the unit, signed (X-Kefu-Signature: sha256=HMAC(secret, timestamp + \".\" + body))",
                       schema: "WebhookEvent")
    }
}

import Hummingbird
import KefuDomain

/// RET-01..RET-04: `GET /api/v1/retention?kind=&page=&per=`, the report of filed records past their retention period.
/// Head-office administrators only. Read-only (archiving: `kefu retention archive`, #17.6).
/// #17.6: and the periods administrators configure upward (`/api/v1/retention/periods`) and the legal holds on single
/// records (`/api/v1/retention/holds`), for the same audience.
public struct RetentionAPI: Sendable {
    let report: RetentionReport
    let settings: RetentionSettings

    public init(report: RetentionReport, settings: RetentionSettings) {
        self.report = report
        self.settings = settings
    }

    struct PeriodInput: Decodable { let years: Int? }
    struct HoldInput: Decodable { let kind: String?; let recordId: String?; let reason: String?; let until: String? }
    struct ReleaseInput: Decodable { let reason: String? }
    struct Periods: Encodable { let items: [RetentionSettings.Period] }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        routes.schema("RetainedRecord", ["type": "object", "required": ["id", "number", "closedAt"], "properties": [
            "id": str, "number": str, "closedAt": str, "href": optStr,
        ]])
        routes.pageSchema("RetainedRecordPage", item: "RetainedRecord")
        routes.schema("RetentionKindSummary", ["type": "object", "properties": [
            "kind": ["type": "string", "enum": .array(report.kinds.map { .string($0.rawValue) })],
            "label": str, "years": int, "floorYears": int, "archivable": ["type": "boolean"], "cutoff": str, "count": int, "oldestClosedAt": optStr,
        ]])
        routes.schema("RetentionReport", ["type": "object", "properties": [
            "asOf": str, "kind": optStr,
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/RetentionKindSummary"]],
            "records": ["oneOf": [["$ref": "#/components/schemas/RetainedRecordPage"], ["type": "null"]]],
        ]])
        routes.add(.init(.get, "/api/v1/retention", summary: "Filed records past their retention period, per kind (RET-01..04); head-office administrators",
                         tag: "retention", response: "RetentionReport", query: ["kind", "page", "per"])) { [report] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let query = request.queryDictionary
            let kind = try report.kind(query["kind"])
            let paging = try Paging.from(query)
            return try JSONIO.response(try await report.report(kind: kind, paging: paging, viewer: principal, locale: context.locale))
        }
        registerSettings(routes)
    }

    func registerSettings(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let int: JSONValue = ["type": "integer"]
        let kinds: JSONValue = ["type": "string", "enum": .array(settings.kinds.map { .string($0.rawValue) })]
        routes.schema("RetentionPeriod", ["type": "object", "required": ["kind", "floorYears", "effectiveYears"], "properties": [
            "kind": kinds, "label": str, "floorYears": int, "configuredYears": ["type": ["integer", "null"]], "effectiveYears": int, "maximumYears": int,
        ]])
        routes.itemsSchema("RetentionPeriodList", item: "RetentionPeriod")
        routes.schema("RetentionPeriodInput", ["type": "object", "required": ["years"], "properties": ["years": int]])
        routes.schema("RetentionHold", ["type": "object", "required": ["id", "kind", "recordId", "reason", "active"], "properties": [
            "id": str, "kind": kinds, "kindLabel": str, "recordId": str, "recordNumber": optStr, "href": optStr, "reason": str, "until": optStr,
            "active": ["type": "boolean"], "placedBy": str, "placedByName": str, "placedAt": str, "releasedBy": optStr, "releasedByName": optStr,
            "releasedAt": optStr, "releaseReason": optStr,
        ]])
        routes.pageSchema("RetentionHoldPage", item: "RetentionHold")
        routes.schema("RetentionHoldInput", ["type": "object", "required": ["kind", "recordId", "reason"], "properties": [
            "kind": kinds, "recordId": ["type": "string", "description": "the record's id, or its number"], "reason": str,
            "until": ["type": ["string", "null"], "format": "date", "description": "the hold's last day (inclusive); none: until released"],
        ]])
        routes.schema("RetentionReleaseInput", ["type": "object", "required": ["reason"], "properties": ["reason": str]])

        routes.add(.init(.get, "/api/v1/retention/periods", summary: "Each kind's retention period: SPEC floor, configured, effective (#17.6 RET-01..03); head-office administrators",
                         tag: "retention", response: "RetentionPeriodList")) { [settings] _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Periods(items: try await settings.periods(viewer: principal, locale: context.locale)))
        }
        routes.add(.init(.put, "/api/v1/retention/periods/{kind}", summary: "Keep a kind longer: whole years from its SPEC floor up to 30; 422 retention_below_floor names the floor; 404 unknown kind; audited (#17.6)",
                         tag: "retention", request: "RetentionPeriodInput", response: "RetentionPeriod")) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let kind = try context.parameters.require("kind")
            let input = try await JSONIO.decode(PeriodInput.self, from: request)
            return try JSONIO.response(try await settings.setPeriod(kind: kind, years: input.years, by: principal, locale: context.locale))
        }
        routes.add(.init(.get, "/api/v1/retention/holds", summary: "Legal holds, newest first (active=false: released and expired ones too) (#17.6 RET-04)",
                         tag: "retention", response: "RetentionHoldPage", query: ["active", "page", "per"])) { [settings] request, context in
            let principal = try context.requirePrincipal()
            let query = request.queryDictionary
            let activeOnly = query["active"].map { $0 != "false" && $0 != "0" } ?? true
            return try JSONIO.response(try await settings.holds(activeOnly: activeOnly, paging: try Paging.from(query), viewer: principal, locale: context.locale))
        }
        routes.add(.init(.post, "/api/v1/retention/holds", summary: "Put a legal hold on one record (kind, record id or number, reason, optional last day): it is neither listed as due, archived nor deleted (#17.6 RET-04)",
                         tag: "retention", request: "RetentionHoldInput", response: "RetentionHold", status: 201)) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let input = try await JSONIO.decode(HoldInput.self, from: request)
            return try JSONIO.response(try await settings.place(kind: input.kind, recordId: input.recordId, reason: input.reason, until: input.until,
                                                                by: principal, locale: context.locale), status: .created)
        }
        routes.add(.init(.post, "/api/v1/retention/holds/{id}/release", summary: "Release a legal hold with a reason; 409 hold_released if it is released already (#17.6 RET-04)",
                         tag: "retention", request: "RetentionReleaseInput", response: "RetentionHold")) { [settings] request, context in
            let principal = try context.requirePrincipal()
            try RetentionReport.requireHeadOfficeAdmin(principal)
            let input = try await JSONIO.decode(ReleaseInput.self, from: request)
            return try JSONIO.response(try await settings.release(id: try context.parameters.require("id"), reason: input.reason, by: principal, locale: context.locale))
        }
    }
}

import Hummingbird
import KefuDomain

/// RET-01..RET-04: `GET /api/v1/retention?kind=&page=&per=`, the report of filed records past their retention period.
/// Head-office administrators only. Read-only: Kefu deletes and moves nothing.
public struct RetentionAPI: Sendable {
    let report: RetentionReport

    public init(report: RetentionReport) { self.report = report }

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
            "label": str, "years": int, "cutoff": str, "count": int, "oldestClosedAt": optStr,
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
    }
}

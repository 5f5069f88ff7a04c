import Hummingbird
import KefuDomain
import KefuPlatform

/// #14 PRP-09, RPT-10: the service centre's month-end statistics and annual report over HTTP.
public struct PropertyServiceReportAPI: Sendable {
    let reports: PropertyServiceReports

    public init(reports: PropertyServiceReports) { self.reports = reports }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let int: JSONValue = ["type": "integer"]
        let target: JSONValue = ["type": "object", "properties": [
            "part": int, "whole": int, "rate": ["type": "string", "description": "one decimal %, — when there is nothing to count"],
            "target": str, "met": ["type": "boolean"]]]
        routes.schema("PropertyServiceReport", ["type": "object", "properties": [
            "estateId": str, "estateName": str, "period": ["type": "string", "description": "YYYY-MM (month-end statistics) or YYYY (annual)"],
            "from": str, "to": str, "billed": str, "paid": str, "collectionRate": str, "notices": int, "paidNotices": int,
            "complaintsReceived": int, "handlingRate": target, "returnVisitRate": target, "ticketsReceived": int,
            "visits": ["type": "integer", "description": "SAT-10 the supervisor's visits to residents in the period"],
            "forumsHeld": ["type": "integer", "description": "SAT-10 owner forums held in the period"]]])
        routes.add(.init(.get, "/api/v1/property/estates/{id}/service-report",
                         summary: "Month-end statistics or annual report of the estate's service centre: collection, complaint handling and return-visit rates, tickets (PRP-09, RPT-10)",
                         tag: "property", response: "PropertyServiceReport", query: ["period"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await reports.report(estateId: try context.parameters.require("id"), period: request.queryDictionary["period"], viewer: principal))
        }
    }
}

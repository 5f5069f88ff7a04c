import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the half-yearly owners' opinion survey (SAT-10): start a round on an estate, list, read one with
/// its response rate, average score and return-visit plan, type in a paper form.
public struct PropertyOpinionAPI: Sendable {
    let opinions: PropertyOpinionService

    public init(opinions: PropertyOpinionService) { self.opinions = opinions }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        routes.schema("PropertyOpinionRoundInput", ["type": "object", "properties": [
            "halfYear": ["type": "string", "description": "2026-H2; default the current half year"], "validDays": ["type": "integer", "description": "default 30"]]])
        routes.schema("PropertyOpinionResident", ["type": "object", "properties": [
            "unitId": str, "building": str, "room": str, "occupantName": str, "occupantPhone": str, "invitationId": str,
            "overall": ["type": ["integer", "null"], "description": "5 很满意 … 1 不满意"], "overallLabel": optStr, "comment": optStr, "answeredAt": optStr,
            "returnVisit": ["type": "boolean"], "url": ["type": ["string", "null"], "description": "the public link, only when the round is started"]]])
        routes.schema("PropertyOpinionRound", ["type": "object", "properties": [
            "id": str, "estateId": str, "estateName": str, "halfYear": str, "residents": ["type": "integer"], "answered": ["type": "integer"],
            "responseRate": str, "averageScore": str, "startedAt": str, "startedBy": str, "mayRecord": ["type": "boolean"],
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyOpinionResident"]],
            "returnVisits": ["type": "array", "items": ["$ref": "#/components/schemas/PropertyOpinionResident"]]]])
        routes.pageSchema("PropertyOpinionRoundPage", item: "PropertyOpinionRound")
        routes.schema("PropertyOpinionAnswerInput", ["type": "object", "required": ["overall"], "properties": [
            "unitId": str, "building": str, "room": str, "overall": ["type": ["integer", "string"], "description": "1–5 or 很满意…不满意"], "comment": str]])

        routes.add(.init(.get, "/api/v1/property/opinion-rounds", summary: "Owners' opinion survey rounds in the caller's scope (SAT-10; estateId)",
                         tag: "property", response: "PropertyOpinionRoundPage", query: ["estateId", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await opinions.rounds(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/opinion-rounds", summary: "Start the estate's half-yearly owners' opinion survey (SAT-10)",
                         tag: "property", request: "PropertyOpinionRoundInput", response: "PropertyOpinionRound", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await opinions.start(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/opinion-rounds/{id}", summary: "A round: residents, answers, response rate, average, return-visit plan (SAT-10)",
                         tag: "property", response: "PropertyOpinionRound")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await opinions.round(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/opinion-rounds/{id}/answers", summary: "Type in a resident's paper form (SAT-10)", tag: "property",
                         request: "PropertyOpinionAnswerInput", response: "PropertyOpinionRound", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await opinions.recordAnswer(roundId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
    }
}

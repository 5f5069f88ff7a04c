import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #15.5 SAT-09: `/api/v1/satisfaction/assessments` — run the assessment of a period, list and read the reward records
/// and notices, acknowledge and close a notice.
public struct SatisfactionAssessmentAPI: Sendable {
    let assessments: SatisfactionAssessmentService

    public init(assessments: SatisfactionAssessmentService) { self.assessments = assessments }

    struct AssessInput: Decodable, Sendable { let period: String?; let note: String? }
    struct AcknowledgeInput: Decodable, Sendable { let note: String? }
    struct CloseInput: Decodable, Sendable { let rectification: String? }

    static func schemas(_ routes: ApiRoutes) {
        typealias S = AftersalesSchemas
        routes.schema("SatisfactionAssessInput", S.object([("period", ["type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$"]), ("note", S.optStr)],
                                                          required: ["period"]))
        routes.schema("SatisfactionAcknowledgeInput", S.object([("note", S.optStr)]))
        routes.schema("SatisfactionCloseInput", S.object([("rectification", .text(max: 4000))], required: ["rectification"]))
        let view = S.object([("id", S.str), ("number", S.str), ("orgUnitId", S.str), ("orgUnitName", S.optStr), ("period", S.str),
                             ("outcome", JSONValue.enumOf(SatisfactionOutcome.self)), ("status", JSONValue.enumOf(SatisfactionNoticeStatus.self)),
                             ("responses", S.int), ("satisfied", S.int), ("percent", S.str), ("targetPercent", S.str), ("note", S.optStr),
                             ("deadline", ["type": ["string", "null"], "format": "date"]), ("acknowledgement", S.optStr), ("rectification", S.optStr),
                             ("closedLate", ["type": ["boolean", "null"]])])
        routes.schema("SatisfactionAssessment", view)
        routes.schema("SatisfactionAssessmentList", S.object([("items", ["type": "array", "items": view]), ("page", S.int), ("per", S.int), ("total", S.int)]))
        routes.schema("SatisfactionAssessmentRun", S.object([("period", S.str), ("targetPercent", S.str), ("created", S.int),
                                                              ("departments", ["type": "array", "items": S.object([
                                                                  ("orgUnitId", S.str), ("percent", S.str), ("outcome", S.str), ("assessmentId", S.str),
                                                                  ("number", S.str), ("state", ["type": "string", "enum": ["created", "unchanged", "rate_changed"]]),
                                                                  ("recordedPercent", S.str)])])]))
    }

    public func register(_ routes: ApiRoutes) {
        Self.schemas(routes)
        let s = assessments
        let base = "/api/v1/satisfaction/assessments"
        routes.add(.init(.post, base, summary: "Assess every department's satisfaction for a month or quarter against the target (SAT-09)", tag: "surveys",
                         request: "SatisfactionAssessInput", response: "SatisfactionAssessmentRun")) { request, context in
            let p = try context.requirePrincipal()
            let i = try await JSONIO.decode(AssessInput.self, from: request)
            return try JSONIO.response(try await s.assess(period: i.period, note: i.note, by: p))
        }
        routes.add(.init(.get, base, summary: "Reward records and corrective/criticism notices (SAT-09)", tag: "surveys", response: "SatisfactionAssessmentList",
                         query: ["period", "outcome", "status", "page", "per"])) { request, context in
            let p = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await s.list(q, paging: try Paging.from(q), viewer: p))
        }
        routes.add(.init(.get, base + "/{id}", summary: "One reward record or notice", tag: "surveys", response: "SatisfactionAssessment")) { _, context in
            let p = try context.requirePrincipal()
            return try JSONIO.response(try await s.get(id: try context.parameters.require("id"), viewer: p))
        }
        AftersalesAPI.step(routes, base + "/{id}/acknowledge", "The department acknowledges its notice", tag: "surveys", request: "SatisfactionAcknowledgeInput",
                           response: "SatisfactionAssessment", AcknowledgeInput.self, empty: AcknowledgeInput(note: nil)) { id, i, p in
            try await s.acknowledge(id: id, note: i.note, by: p)
        }
        AftersalesAPI.step(routes, base + "/{id}/close", "The department closes its notice with the rectification done", tag: "surveys",
                           request: "SatisfactionCloseInput", response: "SatisfactionAssessment", CloseInput.self) { id, i, p in
            try await s.close(id: id, rectification: i.rectification, by: p)
        }
    }
}

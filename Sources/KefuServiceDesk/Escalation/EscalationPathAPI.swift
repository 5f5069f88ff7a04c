import Hummingbird
import KefuDomain
import KefuPlatform

/// #15.6 (ESC-02, ESC-04): REST endpoints of the units' escalation paths.
public struct EscalationPathAPI: Sendable {
    let paths: EscalationPathService

    public init(paths: EscalationPathService) { self.paths = paths }

    public func register(_ routes: ApiRoutes) {
        Self.schemas(routes)
        routes.add(.init(.get, "/api/v1/escalation-paths/{orgUnitId}", summary: "A unit's own escalation path (source own, or none when it inherits)",
                         tag: "sla", response: "EscalationPath")) { _, context in
            try JSONIO.response(try await paths.own(unitId: try context.parameters.require("orgUnitId"), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/escalation-paths/{orgUnitId}", summary: "Replace a unit's escalation path (its supervisors and above, administrators); no levels: inherit",
                         tag: "sla", request: "EscalationPathInput", response: "EscalationPath")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(EscalationPathInput.self, from: request)
            return try JSONIO.response(try await paths.replace(unitId: try context.parameters.require("orgUnitId"), input, by: principal))
        }
        routes.add(.init(.get, "/api/v1/escalation-paths/{orgUnitId}/effective", summary: "The path a unit follows: own, inherited from the nearest unit above, or default",
                         tag: "sla", response: "EscalationPath")) { _, context in
            try JSONIO.response(try await paths.effective(unitId: try context.parameters.require("orgUnitId"), viewer: try context.requirePrincipal()))
        }
    }

    static func schemas(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let roles = JSONValue.enumOf(Role.self)
        routes.schema("EscalationRecipient", ["type": "object", "required": ["kind"], "properties": [
            "kind": ["type": "string", "enum": ["role", "unit_role", "user"],
                     "description": "role: holders of the role in the owner's unit (passed upward); unit_role: in orgUnitId (this unit or above); user: userId"],
            "role": roles, "orgUnitId": optStr, "userId": optStr, "name": optStr,
        ]])
        let level: JSONValue = ["type": "object", "required": ["afterMinutes", "recipients"], "properties": [
            "level": ["type": "integer", "minimum": 1, "description": "1, 2, 3… in order (optional)"],
            "afterMinutes": ["type": "integer", "minimum": 0, "maximum": .number(EscalationPathRules.maxMinutes),
                             "description": "Working minutes after the previous level (level 1: after the breach; 0 = at once); later levels ≥ 1"],
            "recipients": ["type": "array", "minItems": 1, "maxItems": .number(EscalationPathRules.maxRecipientsPerLevel),
                           "items": ["$ref": "#/components/schemas/EscalationRecipient"]],
        ]]
        routes.schema("EscalationPathInput", ["type": "object", "required": ["levels"], "properties": [
            "levels": ["type": "array", "maxItems": .number(EscalationPathRules.maxLevels), "items": level],
        ]])
        routes.schema("EscalationPath", ["type": "object", "properties": [
            "orgUnitId": str, "orgUnitName": str,
            "source": ["type": "string", "enum": ["own", "none", "inherited", "default"]],
            "fromOrgUnitId": optStr, "fromOrgUnitName": optStr, "updatedAt": optStr,
            "levels": ["type": "array", "items": level],
        ]])
    }
}

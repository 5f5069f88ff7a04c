import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the owner files (PRP-06): a unit's 业主档案, moving occupants in and out, file entries and the
/// renovation steps. Nothing is deleted: the history is the file.
public struct OwnerFileAPI: Sendable {
    let files: OwnerFileService

    public init(files: OwnerFileService) { self.files = files }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        routes.schema("PropertyMoveInInput", ["type": "object", "required": ["kind", "name"], "properties": [
            "kind": JSONValue.enumOf(PropertyOccupantKind.self), "name": str, "phone": str, "movedInOn": date]])
        routes.schema("PropertyMoveOutInput", ["type": "object", "properties": [
            "kind": ["type": "string", "description": "owner or tenant; may be left out when the unit has one current occupant"], "movedOutOn": date]])
        routes.schema("OwnerFileEntryInput", ["type": "object", "required": ["kind"], "properties": [
            "kind": JSONValue.enumOf(OwnerFileEntryKind.self), "entryOn": date,
            "summary": ["type": "string", "description": "required for move_in, renovation, engineering"],
            "agreementNo": ["type": "string", "description": "agreement: required"], "handoverItems": ["type": "string", "description": "handover: keys and meter readings"],
            "tenant": ["type": "string", "description": "rental: required"], "termFrom": date, "termTo": date, "agent": str]])
        routes.schema("RenovationStepInput", ["type": "object", "properties": [
            "note": ["type": "string", "description": "reject: the reason; supervise: the note; accept when failed: the defects"],
            "passed": ["type": "boolean", "description": "accept: required"], "actedOn": date]])
        let step: JSONValue = ["type": "object", "properties": ["action": JSONValue.enumOf(RenovationAction.self), "statusAfter": JSONValue.enumOf(RenovationStatus.self),
                                                               "note": optStr, "actedOn": str, "actedBy": str]]
        routes.schema("OwnerFileEntry", ["type": "object", "properties": [
            "id": str, "unitId": str, "kind": JSONValue.enumOf(OwnerFileEntryKind.self), "entryOn": str, "summary": optStr, "agreementNo": optStr,
            "handoverItems": optStr, "tenant": optStr, "termFrom": optStr, "termTo": optStr, "agent": optStr,
            "status": ["type": ["string", "null"], "description": "renovation: applied, approved, rejected, supervising, passed, failed"],
            "steps": ["type": "array", "items": step], "actions": ["type": "array", "items": JSONValue.enumOf(RenovationAction.self)], "recordedBy": str]])
        routes.schema("PropertyOwnerFile", ["type": "object", "properties": [
            "unit": ["$ref": "#/components/schemas/PropertyUnit"], "estateName": str,
            "occupants": ["type": "array", "items": ["type": "object", "properties": [
                "id": str, "kind": JSONValue.enumOf(PropertyOccupantKind.self), "name": str, "phone": optStr,
                "movedInOn": ["type": ["string", "null"], "description": "null: moved in on an unknown date (registered before the history)"],
                "movedOutOn": optStr, "current": ["type": "boolean"]]]],
            "entries": ["type": "array", "items": ["$ref": "#/components/schemas/OwnerFileEntry"]], "mayRecord": ["type": "boolean"]]])

        routes.schema("RenovationListItem", ["type": "object", "properties": [
            "id": str, "unitId": str, "estateId": str, "estateName": str, "building": str, "room": str, "occupantName": optStr,
            "appliedOn": date, "summary": optStr, "status": JSONValue.enumOf(RenovationStatus.self), "lastStepOn": optStr, "recordedBy": str,
            "waitingDays": ["type": "integer", "description": "calendar days since the application, or since the last step once one was taken"]]])
        routes.schema("RenovationList", ["type": "object", "properties": [
            "items": ["type": "array", "items": ["$ref": "#/components/schemas/RenovationListItem"]],
            "page": ["type": "integer"], "per": ["type": "integer"], "total": ["type": "integer"], "totalExact": ["type": "boolean"]]])
        routes.add(.init(.get, "/api/v1/property/renovations", summary: "Renovations across the estates in scope: awaiting approval (default), underway, closed or all (PRP-06)",
                         tag: "property", response: "RenovationList", query: ["stage", "estateId", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await files.renovations(q, paging: try Paging.from(q, defaultPer: 30), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/units/{id}/owner-file", summary: "A unit's owner file: occupants over time and file entries (PRP-06)",
                         tag: "property", response: "PropertyOwnerFile")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await files.ownerFile(unitId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/units/{id}/move-in", summary: "Move an owner or tenant in (PRP-06; one current of each kind)", tag: "property",
                         request: "PropertyMoveInInput", response: "PropertyOwnerFile", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await files.moveIn(unitId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/units/{id}/move-out", summary: "Move the current owner or tenant out (PRP-06; not before the move-in)",
                         tag: "property", request: "PropertyMoveOutInput", response: "PropertyOwnerFile")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await files.moveOut(unitId: try context.parameters.require("id"), body, by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/units/{id}/file-entries", summary: "Add a dated owner-file entry (PRP-06; a renovation starts as applied)",
                         tag: "property", request: "OwnerFileEntryInput", response: "OwnerFileEntry", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await files.addEntry(unitId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/file-entries/{id}", summary: "An owner-file entry with its renovation steps (PRP-06)", tag: "property",
                         response: "OwnerFileEntry")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await files.entry(id: try context.parameters.require("id"), viewer: principal))
        }
        for (action, summary) in [(RenovationAction.approve, "Approve a renovation application (PRP-06)"),
                                  (.reject, "Reject a renovation application with the reason (PRP-06)"),
                                  (.supervise, "Add a supervision note to an approved renovation (PRP-06)"),
                                  (.accept, "Record the renovation's acceptance: passed, or failed with the defects (PRP-06)")] {
            routes.add(.init(.post, "/api/v1/property/file-entries/{id}/\(action.rawValue)", summary: summary, tag: "property",
                             request: "RenovationStepInput", response: "OwnerFileEntry")) { request, context in
                let principal = try context.requirePrincipal()
                let body = try await JSONIO.decode(FlatBody.self, from: request)
                return try JSONIO.response(try await files.step(entryId: try context.parameters.require("id"), action, body, by: principal))
            }
        }
    }
}

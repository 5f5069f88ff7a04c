import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #16.3 the telephony secret: `KEFU_TELEPHONY_SECRET`, shared with the PBX/CTI connector that signs its events.
public struct TelephonySecret: Sendable {
    public let value: String?
    public init(_ value: String?) { self.value = value.flatMap { $0.isEmpty ? nil : $0 } }
    public static func fromEnvironment() -> TelephonySecret { TelephonySecret(ProcessInfo.processInfo.environment["KEFU_TELEPHONY_SECRET"]) }

    /// Refuses an event that is not signed with the secret within the replay window (CH-01 events come from the PBX only).
    func verify(timestamp: String?, signature: String?, body: String, now: Date) throws {
        guard let secret = value else {
            throw AppError(.serviceUnavailable, "telephony_not_configured",
                           Text("电话系统对接未配置（KEFU_TELEPHONY_SECRET）", "Telephony is not configured (KEFU_TELEPHONY_SECRET)"))
        }
        guard let timestamp, TelephonyRules.isFresh(timestamp: timestamp, now: Int64(now.timeIntervalSince1970)) else {
            throw AppError(.unauthorized, "stale_timestamp",
                           Text("X-Kefu-Timestamp 缺失或与服务器时间相差超过 5 分钟", "X-Kefu-Timestamp is missing or more than 5 minutes from the server's time"))
        }
        let expected = Secrets.hmacSHA256Hex(key: secret, message: TelephonyRules.signedText(timestamp: timestamp.trimmingCharacters(in: .whitespaces), body: body))
        guard let given = TelephonyRules.signatureHex(header: signature), TelephonyRules.sameSignature(given, expected) else {
            throw AppError(.unauthorized, "bad_signature", Text("签名无效", "The signature is not valid"))
        }
    }
}

/// #16.3 REST: the PBX's signed events, the extension map (administrators) and the call log (staff).
public struct TelephonyAPI: Sendable {
    let telephony: TelephonyService
    let secret: TelephonySecret

    public init(telephony: TelephonyService, secret: TelephonySecret) {
        self.telephony = telephony
        self.secret = secret
    }

    static let maxEventBytes = 16 * 1024

    public func register(_ routes: ApiRoutes) {
        Self.declareSchemas(routes)
        let telephony = self.telephony, secret = self.secret
        routes.add(.init(.post, "/api/v1/telephony/events",
                         summary: "An event of a call from the PBX (ringing, answered, missed, ended), signed: X-Kefu-Timestamp (unix seconds, ±5 min) and X-Kefu-Signature: sha256=HMAC-SHA256(KEFU_TELEPHONY_SECRET, timestamp + \".\" + body); 401 bad_signature/stale_timestamp, 503 telephony_not_configured; a repeated event changes nothing (duplicate true). A missed call makes a call-back ticket; answered after more than 3 rings a KPI-02 call record",
                         tag: "channels", request: "TelephonyEvent", response: "TelephonyEventResult", auth: false)) { request, _ in
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: Self.maxEventBytes) } catch {
                throw AppError(.contentTooLarge, "event_too_large", Text("事件过大", "The event is too large"))
            }
            let body = String(buffer: buffer)
            let timestamp = request.headers.first { $0.name.canonicalName == "x-kefu-timestamp" }?.value
            let signature = request.headers.first { $0.name.canonicalName == "x-kefu-signature" }?.value
            try secret.verify(timestamp: timestamp, signature: signature, body: body, now: Date())
            let input: TelephonyEventInput
            do { input = try JSONDecoder().decode(TelephonyEventInput.self, from: Data(body.utf8)) } catch {
                throw AppError.badRequest("invalid_json", Text("请求体不是有效的 JSON", "The body is not valid JSON"))
            }
            let result = try await telephony.take(input)
            return try JSONIO.response(result, status: result.duplicate ? .ok : .created)
        }
        routes.add(.init(.get, "/api/v1/telephony/extensions", summary: "Extensions and their agents in the administrator's units", tag: "channels",
                         response: "TelephonyExtensionList")) { _, context in
            try JSONIO.response(["items": try await telephony.extensions(viewer: try context.requirePrincipal())])
        }
        routes.add(.init(.get, "/api/v1/telephony/extensions/{extension}", summary: "One extension and its agent", tag: "channels",
                         response: "TelephonyExtension")) { _, context in
            try JSONIO.response(try await telephony.getExtension(try context.parameters.require("extension"), viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.put, "/api/v1/telephony/extensions/{extension}", summary: "Assign the extension to an agent of the administrator's units",
                         tag: "channels", request: "TelephonyExtensionInput", response: "TelephonyExtension")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await telephony.putExtension(try context.parameters.require("extension"),
                                                                        try await JSONIO.decode(TelephonyExtensionInput.self, from: request), by: principal))
        }
        routes.add(.init(.delete, "/api/v1/telephony/extensions/{extension}", summary: "Unassign the extension (its calls are kept)",
                         tag: "channels", status: 204)) { _, context in
            try await telephony.deleteExtension(try context.parameters.require("extension"), by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
        routes.add(.init(.get, "/api/v1/telephony/calls", summary: "The call log, newest first: a unit's calls for its ticket staff, one's own calls otherwise",
                         tag: "channels", response: "TelephonyCallPage", query: ["customerId", "agentId", "page", "per"])) { request, context in
            let q = request.queryDictionary
            return try JSONIO.response(try await telephony.calls(customerId: q["customerId"], agentId: q["agentId"], paging: try Paging.from(q, defaultPer: 20),
                                                                 viewer: try context.requirePrincipal()))
        }
        routes.add(.init(.post, "/api/v1/telephony/calls/{id}/ticket", summary: "Make an answered call a phone ticket, owned by the agent who took it (TKT-03); 409 when it has one or was not answered",
                         tag: "channels", response: "TelephonyCall", status: 201)) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await telephony.makeTicket(callRowId: try context.parameters.require("id"), by: principal), status: .created)
        }
    }

    static func declareSchemas(_ routes: ApiRoutes) {
        let string: JSONValue = ["type": "string"]
        let nullableString: JSONValue = ["type": ["string", "null"]]
        let events: [JSONValue] = TelephonyRules.Event.allCases.map { .string($0.rawValue) }
        routes.schema("TelephonyEvent", [
            "type": "object", "required": ["callId", "event", "callerNumber", "extension"],
            "properties": ["callId": string, "event": ["type": "string", "enum": .array(events)], "callerNumber": string, "extension": string,
                           "rings": ["type": "integer", "minimum": 0, "maximum": 99]],
        ])
        routes.schema("TelephonyCall", [
            "type": "object",
            "properties": ["id": string, "callId": string, "callerNumber": string, "extension": string, "agentId": nullableString, "agentName": nullableString,
                           "customerId": nullableString, "customerName": nullableString,
                           "state": ["type": "string", "enum": ["ringing", "answered", "missed", "ended"]], "rings": ["type": "integer"],
                           "ringingAt": nullableString, "answeredAt": nullableString, "endedAt": nullableString, "ticketId": nullableString,
                           "ticketNumber": nullableString, "qualityCallId": nullableString, "orgUnitId": string],
        ])
        routes.schema("TelephonyEventResult", [
            "type": "object", "properties": ["duplicate": ["type": "boolean"], "call": ["$ref": "#/components/schemas/TelephonyCall"]],
        ])
        routes.pageSchema("TelephonyCallPage", item: "TelephonyCall")
        routes.schema("TelephonyExtension", [
            "type": "object", "properties": ["extension": string, "agentId": string, "agentName": string, "orgUnitId": string, "updatedAt": string],
        ])
        routes.schema("TelephonyExtensionInput", ["type": "object", "required": ["agentId"], "properties": ["agentId": string]])
        routes.itemsSchema("TelephonyExtensionList", item: "TelephonyExtension")
    }
}

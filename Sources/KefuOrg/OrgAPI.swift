import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of sign-in, org units and users (API.md "Conventions", "Organisation and people").
public struct OrgAPI: Sendable {
    let org: OrgService
    let auth: AuthService
    let addresses: ClientAddress

    public init(org: OrgService, auth: AuthService, addresses: ClientAddress) {
        self.org = org
        self.auth = auth
        self.addresses = addresses
    }

    struct TokenRequest: Decodable { let username: String; let password: String; let name: String? }
    struct TokenResponse: Encodable { let token: String; let tokenId: String; let expiresAt: String; let user: UserRecord }
    struct Items<T: Encodable>: Encodable { let items: [T] }

    public func register(_ routes: ApiRoutes) {
        OrgSchemas.register(routes)
        routes.add(.init(.post, "/api/v1/auth/token", summary: "Sign in and get an API token", tag: "auth",
                         request: "TokenRequest", response: "TokenResponse", auth: false)) { request, context in
            let body = try await JSONIO.decode(TokenRequest.self, from: request)
            let name = TextRules.trimmed(body.name) ?? "api"
            guard name.count <= AuthService.maxTokenNameLength else {
                throw AppError.validation("name", Text("令牌名称最长 100 字", "A token name has at most 100 characters"))
            }
            let source = AuthService.Source(address: addresses.resolve(request, context: context))
            let userId: String
            do {
                userId = try await auth.verify(username: body.username, password: body.password, from: source)
            } catch let error as AppError where error.status == .tooManyRequests {
                // #10.4: tell the client when to come back.
                var response = try JSONIO.response(ErrorBody(error, locale: context.locale), status: error.status)
                response.headers[.retryAfter] = error.details["retryAfter"]
                return response
            }
            let issued = try await auth.issueToken(userId: userId, name: name)
            guard let principal = try await auth.principal(userId: userId) else { throw AppError.unauthenticated }
            let user = try await org.user(id: userId, viewer: principal)
            return try JSONIO.response(TokenResponse(token: issued.token, tokenId: issued.id, expiresAt: Times.rfc3339(issued.expiresAt), user: user))
        }
        routes.add(.init(.delete, "/api/v1/auth/token", summary: "Revoke the token of this request", tag: "auth", status: 204)) { request, context in
            let principal = try context.requirePrincipal()
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
                throw AppError.badRequest("no_token", Text("此请求没有使用 API 令牌", "This request does not use an API token"))
            }
            try await auth.revokeToken(plain: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), by: principal)
            return Response(status: .noContent)
        }
        routes.add(.init(.get, "/api/v1/auth/me", summary: "The signed-in user", tag: "auth", response: "User")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await org.user(id: principal.userId, viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/auth/tokens", summary: "My API tokens", tag: "auth", response: "TokenPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let paging = try Paging.from(request.queryDictionary)
            return try JSONIO.response(try await auth.tokens(of: principal.userId, paging: paging))
        }
        routes.add(.init(.delete, "/api/v1/auth/tokens/{id}", summary: "Revoke an API token", tag: "auth", status: 204)) { _, context in
            let principal = try context.requirePrincipal()
            try await auth.revokeToken(id: try context.parameters.require("id"), by: principal)
            return Response(status: .noContent)
        }

        routes.add(.init(.get, "/api/v1/org-units", summary: "List org units (tree order)", tag: "org", response: "OrgUnitPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let paging = try Paging.from(request.queryDictionary, defaultPer: 200)
            return try JSONIO.response(try await org.units(viewer: principal, paging: paging))
        }
        routes.add(.init(.post, "/api/v1/org-units", summary: "Create an org unit", tag: "org", request: "OrgUnitInput", response: "OrgUnit", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OrgService.UnitInput.self, from: request)
            return try JSONIO.response(try await org.createUnit(input, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/org-units/{id}", summary: "One org unit", tag: "org", response: "OrgUnit")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await org.unit(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.patch, "/api/v1/org-units/{id}", summary: "Rename, re-kind or (de)activate an org unit", tag: "org", request: "OrgUnitPatch", response: "OrgUnit")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OrgService.UnitInput.self, from: request)
            return try JSONIO.response(try await org.updateUnit(id: try context.parameters.require("id"), input, by: principal))
        }

        // #14 item 6: the features switched on per unit (administrators, in their scope).
        routes.add(.init(.get, "/api/v1/org-units/{id}/features", summary: "The features switched on at an org unit", tag: "org", response: "UnitFeatures")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await org.features(unitId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/org-units/{id}/features", summary: "Switch an org unit's features on or off, or follow the unit above", tag: "org",
                         request: "UnitFeaturesInput", response: "UnitFeatures")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OrgService.FeaturesInput.self, from: request)
            return try JSONIO.response(try await org.setFeatures(unitId: try context.parameters.require("id"), input, by: principal))
        }

        routes.add(.init(.get, "/api/v1/users", summary: "List users", tag: "org", response: "UserPage", query: ["orgUnitId", "role", "q", "active", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let paging = try Paging.from(q)
            let filter = OrgService.UserFilter(orgUnitId: q["orgUnitId"], role: q["role"], q: q["q"], activeOnly: q["active"] == "true")
            return try JSONIO.response(try await org.users(viewer: principal, filter: filter, paging: paging))
        }
        routes.add(.init(.post, "/api/v1/users", summary: "Create a user", tag: "org", request: "UserInput", response: "User", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OrgService.UserInput.self, from: request)
            return try JSONIO.response(try await org.createUser(input, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/users/{id}", summary: "One user", tag: "org", response: "User")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await org.user(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.patch, "/api/v1/users/{id}", summary: "Edit or deactivate a user (never deleted)", tag: "org", request: "UserPatch", response: "User")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(OrgService.UserInput.self, from: request)
            return try JSONIO.response(try await org.updateUser(id: try context.parameters.require("id"), input, by: principal,
                                                                current: Credential.of(context, authorization: request.headers[.authorization])))
        }
        routes.add(.init(.get, "/api/v1/audit-log", summary: "Who changed a record and when (administrators)", tag: "org",
                         response: "AuditList", query: ["entity", "entityId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            guard let entity = TextRules.trimmed(q["entity"]), let entityId = TextRules.trimmed(q["entityId"]) else {
                throw AppError.validation("entity", Text("请给出 entity 和 entityId", "entity and entityId are required"))
            }
            return try JSONIO.response(Items(items: try await org.auditTrail(entity: entity, entityId: entityId, viewer: principal)))
        }
    }
}

enum OrgSchemas {
    static func register(_ routes: ApiRoutes) {
        routes.schema("TokenRequest", [
            "type": "object", "required": ["username", "password"],
            "properties": ["username": ["type": "string", "maxLength": 64], "password": ["type": "string", "maxLength": 1024], "name": .text(max: 100)],
        ])
        routes.schema("TokenResponse", [
            "type": "object",
            "properties": ["token": ["type": "string"], "tokenId": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"],
                           "user": ["$ref": "#/components/schemas/User"]],
        ])
        let kind = JSONValue.enumOf(OrgUnitKind.self)
        routes.schema("OrgUnitInput", [
            "type": "object", "required": ["code", "name", "kind", "parentId"],
            "properties": ["code": ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,40}$"], "name": .text(max: 100),
                           "kind": kind, "parentId": ["type": "string"]],
        ])
        routes.schema("OrgUnitPatch", [
            "type": "object",
            "properties": ["name": .text(max: 100), "kind": kind, "active": ["type": "boolean"]],
        ])
        routes.schema("OrgUnit", [
            "type": "object",
            "properties": ["id": ["type": "string"], "code": ["type": "string"], "name": ["type": "string"], "kind": ["type": "string"],
                           "parentId": ["type": ["string", "null"]], "path": ["type": "string"], "active": ["type": "boolean"],
                           "createdAt": ["type": "string"], "updatedAt": ["type": "string"]],
        ])
        let roles: JSONValue = ["type": "array", "minItems": 1, "items": ["type": "string", "enum": .array(Role.allCases.map { .string($0.rawValue) })]]
        let password: JSONValue = ["type": "string", "minLength": 8, "maxLength": 256]
        let locale: JSONValue = ["type": "string", "enum": ["zh-CN", "en"]]
        routes.schema("UserInput", [
            "type": "object", "required": ["username", "password", "displayName", "orgUnitId", "roles"],
            "properties": ["username": ["type": "string", "pattern": "^[A-Za-z0-9._-]{2,40}$"], "password": password,
                           "displayName": .text(max: 100), "orgUnitId": ["type": "string"], "roles": roles, "locale": locale,
                           "customerId": ["type": "string", "maxLength": 64]],
        ])
        routes.schema("UserPatch", [
            "type": "object",
            "properties": ["password": password, "displayName": .text(max: 100), "orgUnitId": ["type": "string"], "roles": roles,
                           "locale": locale, "active": ["type": "boolean"], "customerId": ["type": "string", "maxLength": 64],
                           "currentPassword": ["type": "string"], "keepTokens": ["type": "boolean"]],
        ])
        // #14 item 6
        let featureIds: JSONValue = ["type": "string", "enum": .array(KefuFeature.allCases.map { .string($0.rawValue) })]
        routes.schema("UnitFeaturesInput", [
            "type": "object",
            "properties": ["enabled": ["type": "array", "items": featureIds], "inherit": ["type": "boolean"]],
        ])
        routes.schema("UnitFeatures", [
            "type": "object",
            "properties": ["unitId": ["type": "string"], "ownSetting": ["type": "boolean"],
                           "features": ["type": "array", "items": ["type": "object", "properties": [
                               "id": featureIds, "label": ["type": "string"], "labelEn": ["type": "string"], "on": ["type": "boolean"],
                               "source": ["type": "string", "enum": ["own", "inherited", "default"]]]]]],
        ])
        routes.pageSchema("OrgUnitPage", item: "OrgUnit")
        routes.pageSchema("UserPage", item: "User")
        routes.pageSchema("TokenPage", item: "Token")
        routes.itemsSchema("AuditList", item: "AuditEntry")
        routes.schema("Token", [
            "type": "object",
            "properties": ["id": ["type": "string"], "name": ["type": "string"], "createdAt": ["type": "string"],
                           "expiresAt": ["type": "string"], "revokedAt": ["type": ["string", "null"]]],
        ])
        routes.schema("AuditEntry", [
            "type": "object",
            "properties": ["id": ["type": "string"], "at": ["type": "string"], "actorId": ["type": ["string", "null"]],
                           "action": ["type": "string"], "entity": ["type": "string"], "entityId": ["type": "string"],
                           "detail": ["type": "object", "additionalProperties": ["type": "string"]]],
        ])
        routes.schema("User", [
            "type": "object",
            "properties": ["id": ["type": "string"], "username": ["type": "string"], "displayName": ["type": "string"],
                           "orgUnitId": ["type": "string"], "roles": ["type": "array", "items": ["type": "string"]],
                           "locale": ["type": "string"], "active": ["type": "boolean"], "customerId": ["type": ["string", "null"]],
                           "createdAt": ["type": "string"], "updatedAt": ["type": "string"]],
        ])
    }
}

import Hummingbird
import HummingbirdTesting
import NIOCore
import Foundation
import Testing

/// The three-level organisation of 篇2–4 with warehouses, items and a supplier:
/// root 业务管理部 (admin, hqMaterials mgmt_materials, hqPlanner mgmt_planner, agent cs_agent)
///  ├─ 业务部A (accA dept_accountant; warehouse AG good)
///  │    ├─ 现场A1 (keeperA1 site_keeper; A1G good, A1D damaged)
///  │    └─ 现场A2 (keeperA2 site_keeper; A2G good)
///  └─ 业务部B (accB dept_accountant)
///       └─ 现场B1 (B1G good)
struct MaterialsFixture: Sendable {
    let admin: String
    let hqMaterials: String
    let hqPlanner: String
    let agent: String
    let accA: String
    let accB: String
    let keeperA1: String
    let keeperA2: String
    let A1G: String, A1D: String, A2G: String, AG: String, B1G: String
    let bolt: String, gear: String
    let supplier: String
    let deptA: String, deptB: String

    static func make(_ app: TestApp) async throws -> MaterialsFixture {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let deptA = try await app.createUnit(admin, code: "DA", name: "业务部A", kind: "business", parentId: root)
        let siteA1 = try await app.createUnit(admin, code: "SA1", name: "现场A1", kind: "site", parentId: deptA)
        let siteA2 = try await app.createUnit(admin, code: "SA2", name: "现场A2", kind: "site", parentId: deptA)
        let deptB = try await app.createUnit(admin, code: "DB", name: "业务部B", kind: "business", parentId: root)
        let siteB1 = try await app.createUnit(admin, code: "SB1", name: "现场B1", kind: "site", parentId: deptB)
        let hqMaterials = try await app.createUser(admin, "hqmat", roles: ["mgmt_materials"], unitId: root).token
        func warehouse(_ code: String, _ unit: String, _ condition: String) async throws -> String {
            let r = try await app.call(.post, "/api/v1/warehouses", token: hqMaterials, json: ["code": code, "name": "仓库" + code, "orgUnitId": unit, "condition": condition])
            #expect(r.status == .created, "warehouse \(code): \(r.text)")
            return r.string("id")!
        }
        func item(_ code: String, _ name: String, _ category: String, _ repairClass: String) async throws -> String {
            let r = try await app.call(.post, "/api/v1/items", token: hqMaterials, json: ["code": code, "name": name, "unit": "个", "category": category, "repairClass": repairClass])
            #expect(r.status == .created, "item \(code): \(r.text)")
            return r.string("id")!
        }
        let supplier = try await app.call(.post, "/api/v1/suppliers", token: hqMaterials, json: ["code": "SUP1", "name": "华锐配件厂"])
        #expect(supplier.status == .created)
        return MaterialsFixture(
            admin: admin, hqMaterials: hqMaterials,
            hqPlanner: try await app.createUser(admin, "hqplan", roles: ["mgmt_planner"], unitId: root).token,
            agent: try await app.createUser(admin, "agent", roles: ["cs_agent"], unitId: root).token,
            accA: try await app.createUser(admin, "acca", roles: ["dept_accountant"], unitId: deptA).token,
            accB: try await app.createUser(admin, "accb", roles: ["dept_accountant"], unitId: deptB).token,
            keeperA1: try await app.createUser(admin, "keepa1", roles: ["site_keeper"], unitId: siteA1).token,
            keeperA2: try await app.createUser(admin, "keepa2", roles: ["site_keeper"], unitId: siteA2).token,
            A1G: try await warehouse("A1G", siteA1, "good"), A1D: try await warehouse("A1D", siteA1, "damaged"),
            A2G: try await warehouse("A2G", siteA2, "good"), AG: try await warehouse("AG", deptA, "good"), B1G: try await warehouse("B1G", siteB1, "good"),
            bolt: try await item("BOLT-M10", "螺栓M10", "consumable", "I"), gear: try await item("GEAR-01", "齿轮", "spare_part", "II"),
            supplier: supplier.string("id")!, deptA: deptA, deptB: deptB)
    }

    func line(_ item: String, _ quantity: Any) -> [String: Any] { ["itemId": item, "quantity": quantity] }

    /// Creates a saved document; returns the reply.
    @discardableResult
    func document(_ app: TestApp, _ token: String, direction: String, reason: String, warehouse: String, lines: [[String: Any]],
                  extra: [String: Any] = [:]) async throws -> TestApp.Reply {
        var body: [String: Any] = ["direction": direction, "reason": reason, "warehouseId": warehouse, "lines": lines, "date": "2026-11-20"]
        for (k, v) in extra { body[k] = v }
        return try await app.call(.post, "/api/v1/stock-documents", token: token, json: body)
    }

    /// A purchase receipt into `warehouse`, audited by the department accountant; returns its id.
    @discardableResult
    func stock(_ app: TestApp, warehouse: String, _ lines: [[String: Any]]) async throws -> String {
        let r = try await document(app, accA, direction: "in", reason: "purchase", warehouse: warehouse, lines: lines, extra: ["supplierId": supplier])
        #expect(r.status == .created, "receipt: \(r.text)")
        let id = r.string("id")!
        let audited = try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: accA)
        #expect(audited.status == .ok, "audit: \(audited.text)")
        return id
    }

    func onHand(_ app: TestApp, warehouse: String, item: String) async throws -> Decimal {
        let r = try await app.call(.get, "/api/v1/stock/on-hand?warehouseId=\(warehouse)&itemId=\(item)", token: hqMaterials)
        let rows = (try? JSONSerialization.jsonObject(with: Data(r.text.utf8))) as? [[String: Any]] ?? []
        return rows.first.map { ($0["quantity"] as? NSNumber)?.decimalValue ?? 0 } ?? 0
    }
}

/// Truly parallel requests: each on its own connection (the shared test client keeps one connection, on which the
/// server answers requests one after another).
enum Parallel {
    struct Answer: Sendable { let tag: Int; let status: Int; let code: String?; let number: String? }

    static func post(_ app: TestApp, token: String, _ requests: [(tag: Int, path: String)]) async throws -> [Answer] {
        try await post(app, token: token, requests.map { ($0.tag, $0.path, nil) })
    }

    /// `body`: JSON to send, already serialised.
    static func post(_ app: TestApp, token: String, _ requests: [(tag: Int, path: String, body: Data?)]) async throws -> [Answer] {
        let port = app.client.port!
        return try await withThrowingTaskGroup(of: Answer.self) { group in
            for r in requests {
                group.addTask {
                    // A loaded machine queues these behind one another on the gapless number: correctness is asserted, not speed.
                    try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: TestApp.patience)) { client in
                        var headers = HTTPFields()
                        headers[.authorization] = "Bearer \(token)"
                        if r.body != nil { headers[.contentType] = "application/json" }
                        let response = try await client.execute(.init(r.path, method: .post, headers: headers, body: r.body.map { ByteBuffer(bytes: $0) }))
                        let text = response.body.map { String(buffer: $0) } ?? ""
                        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
                        return Answer(tag: r.tag, status: Int(response.status.code), code: (json?["error"] as? [String: Any])?["code"] as? String,
                                      number: json?["number"] as? String)
                    }
                }
            }
            var all: [Answer] = []
            for try await a in group { all.append(a) }
            return all
        }
    }
}

import Foundation
import Testing

/// #12.5, MAT-05: a site asks for a new item code with three photos, its department forwards, HQ creates the item.
@Suite("Item-code requests (#12.5, MAT-05)")
struct ItemRequestFlowTests {
    @Test func aSiteAsksWithThreePhotosTheDepartmentForwardsAndHQCreatesTheItem() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let created = try await app.call(.post, "/api/v1/item-requests", token: f.keeperA1,
                                             json: ["name": "液压密封圈", "spec": "Φ32×2.4", "unit": "个", "purpose": "叉车油缸维修"])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("status") == "draft")
            // Another site neither sees it nor adds photos; no submit without the three photos.
            #expect(try await app.call(.get, "/api/v1/item-requests/\(id)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/item-requests", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA2,
                                       json: ["ownerKind": "item_request", "ownerId": id, "label": "distant", "fileName": "a.png", "data": MatrixRecords.pngBase64]).status == .forbidden)
            let early = try await app.call(.post, "/api/v1/item-requests/\(id)/submit", token: f.keeperA1, json: [:])
            #expect(early.errorCode == "validation_failed")
            for label in ["distant", "close_up"] {
                let photo = try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                               json: ["ownerKind": "item_request", "ownerId": id, "label": label, "fileName": "\(label).png", "data": MatrixRecords.pngBase64])
                #expect(photo.status == .created, "\(photo.text)")
            }
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/submit", token: f.keeperA1, json: [:]).errorCode == "validation_failed")
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                       json: ["ownerKind": "item_request", "ownerId": id, "label": "spec", "fileName": "spec.png", "data": MatrixRecords.pngBase64]).status == .created)
            // HQ cannot approve before the department forwards; the department of another site cannot forward.
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/submit", token: f.keeperA1, json: [:]).string("status") == "submitted")
            #expect(try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                       json: ["ownerKind": "item_request", "ownerId": id, "label": "spec", "fileName": "late.png", "data": MatrixRecords.pngBase64]).status == .conflict)
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/forward", token: f.accB, json: [:]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/approve", token: f.hqMaterials, json: [:]).status == .conflict)
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/forward", token: f.accA, json: [:]).string("status") == "forwarded")
            // Only HQ decides; it chooses the code.
            let item: [String: Any] = ["code": "HY-032", "name": "液压密封圈", "spec": "Φ32×2.4", "unit": "个", "category": "consumable", "repairClass": "I"]
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/approve", token: f.accA, json: ["item": item]).status == .forbidden)
            let approved = try await app.call(.post, "/api/v1/item-requests/\(id)/approve", token: f.hqMaterials, json: ["item": item])
            #expect(approved.string("status") == "approved", "\(approved.text)")
            let itemId = try #require(approved.string("itemId"))
            #expect(try await app.call(.get, "/api/v1/items/\(itemId)", token: f.keeperA1).string("code") == "HY-032")
            // The site reads its photos; a decided request takes no further step.
            #expect(try await app.call(.get, "/api/v1/attachments?ownerKind=item_request&ownerId=\(id)", token: f.keeperA1).items.count == 3)
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/reject", token: f.hqMaterials, json: ["reason": "重复"]).status == .conflict)
        }
    }

    @Test func theDepartmentRejectsWithAReason() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let id = try #require(try await app.call(.post, "/api/v1/item-requests", token: f.keeperA1,
                                                     json: ["name": "垫圈", "spec": "M8", "unit": "个", "purpose": "维修"]).string("id"))
            for label in ["distant", "close_up", "spec"] {
                _ = try await app.call(.post, "/api/v1/attachments", token: f.keeperA1,
                                       json: ["ownerKind": "item_request", "ownerId": id, "label": label, "fileName": "p.png", "data": MatrixRecords.pngBase64])
            }
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/submit", token: f.keeperA1, json: [:]).string("status") == "submitted")
            #expect(try await app.call(.post, "/api/v1/item-requests/\(id)/reject", token: f.accA, json: [:]).errorCode == "validation_failed")
            let rejected = try await app.call(.post, "/api/v1/item-requests/\(id)/reject", token: f.accA, json: ["reason": "已有编码 BOLT-M8"])
            #expect(rejected.string("status") == "rejected")
            #expect(rejected.string("reason") == "已有编码 BOLT-M8")
        }
    }
}

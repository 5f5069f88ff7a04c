import Foundation
import KefuPlatform
import Testing

/// WO-05 over HTTP: a public-facility order goes to the person responsible for its area when the unit's register
/// names one, otherwise to the duty technician on duty now by the roster; a household order is not assigned at issue.
/// The register is kept by the unit's CS supervisors, managers and administrators, in their scope.
@Suite("Work order areas (WO-05)")
struct WorkOrderAreaTests {
    @Test func aPublicFacilityGoesToTheAreasResponsibleElseTheTechnicianOnDuty() async throws {
        try await TestApp.run { app in
            let p = try await PeopleFixture.make(app)
            let areaTech = try await app.createUser(p.admin, "areatech", roles: ["duty_technician"], unitId: p.cs)
            let dutyTech = try await app.createUser(p.admin, "dutytech", roles: ["duty_technician"], unitId: p.cs)

            let set = try await app.call(.put, "/api/v1/work-order-areas", token: p.supervisor.token,
                                         json: ["orgUnitId": p.cs, "area": "1号楼 电梯", "technicianId": areaTech.id])
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.items.map { $0["technicianId"] as? String } == [areaTech.id])
            // Denials: an agent keeps no register; a manager of a sibling unit not this unit's; a technician is no person to name.
            #expect(try await app.call(.put, "/api/v1/work-order-areas", token: p.ann.token, json: ["orgUnitId": p.cs, "area": "车库", "technicianId": areaTech.id]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/work-order-areas", token: p.outsider.token, json: ["orgUnitId": p.cs, "area": "车库", "technicianId": areaTech.id]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/work-order-areas", token: p.supervisor.token, json: ["orgUnitId": p.cs, "area": "车库", "technicianId": p.ann.id]).errorCode == "validation_failed")
            #expect(try await app.call(.get, "/api/v1/work-order-areas", token: p.outsider.token).items.isEmpty, "outside the unit: not listed")

            func issue(_ kind: String, area: String?) async throws -> TestApp.Reply {
                var body: [String: Any] = ["kind": kind, "location": "小区公共区域", "description": "电梯异响", "requesterName": "物业部 李", "requesterPhone": "13900002222", "orgUnitId": p.cs]
                if let area { body["area"] = area }
                let r = try await app.call(.post, "/api/v1/work-orders", token: p.ann.token, json: body)
                #expect(r.status == .created, "\(r.text)")
                return r
            }
            let byArea = try await issue("public_facility", area: " 1号楼  电梯 ")
            #expect(byArea.string("assignedTo") == areaTech.id && byArea.string("assignedBy") == "area", "\(byArea.text)")
            // No area entry and no roster today: nobody is named; the order waits for a duty technician (WO-02).
            let nobody = try await issue("public_facility", area: "地下车库")
            #expect(nobody["assignedTo"] == nil || nobody["assignedTo"] is NSNull)

            // The roster puts dutyTech on the shift running now.
            let now = Date()
            let day = Times.day(now)
            let hour = Times.calendar().component(.hour, from: now)
            let shift = hour < 8 ? p.night : hour < 16 ? p.early : p.late
            _ = try await p.plan(app, String(day.iso.prefix(7)), [(day.components.day, dutyTech.id, shift)])
            let byDuty = try await issue("public_facility", area: "地下车库")
            #expect(byDuty.string("assignedTo") == dutyTech.id && byDuty.string("assignedBy") == "duty", "\(byDuty.text)")
            let household = try await issue("household", area: "1号楼 电梯")
            #expect(household["assignedTo"] == nil || household["assignedTo"] is NSNull)

            // Removing the area sends its next order to the technician on duty.
            let removed = try await app.call(.put, "/api/v1/work-order-areas", token: p.manager.token, json: ["orgUnitId": p.cs, "area": "1号楼电梯 ".replacingOccurrences(of: "楼电", with: "楼 电"), "technicianId": ""])
            #expect(removed.status == .ok && removed.items.isEmpty, "\(removed.text)")
            #expect(try await issue("public_facility", area: "1号楼 电梯").string("assignedBy") == "duty")

            let page = PageSession(app)
            _ = try await page.signIn("pplsup", "password-pplsup")
            let shown = try await page.get("/work-orders/areas")
            #expect(shown.status == .ok && shown.text.contains("id=\"area-form\""))
        }
    }
}

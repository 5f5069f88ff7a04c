@testable import KefuDomain
import Testing

@Suite("Item-code requests (MAT-05, #12.5)")
struct ItemRequestRulesTests {
    let hq = "/hq/", dept = "/hq/d1/", site = "/hq/d1/s1/", otherDept = "/hq/d2/", otherSite = "/hq/d2/s9/"

    @Test(arguments: [
        (ItemRequestStatus.draft, ItemRequestAction.submit, ItemRequestStatus?.some(.submitted)),
        (.submitted, .forward, .forwarded),
        (.forwarded, .approve, .approved),
        (.submitted, .reject, .rejected),
        (.forwarded, .reject, .rejected),
        (.draft, .forward, nil),
        (.draft, .approve, nil),
        (.submitted, .approve, nil),
        (.draft, .reject, nil),
        (.approved, .reject, nil),
        (.rejected, .submit, nil),
        (.forwarded, .forward, nil),
    ])
    func stateMachine(_ from: ItemRequestStatus, _ action: ItemRequestAction, _ to: ItemRequestStatus?) {
        #expect(ItemRequestRules.next(from, action) == to)
    }

    static let permissions: [(ItemRequestAction, ItemRequestStatus, Set<Role>, String, Bool)] = [
        // The site asks in its own site only.
        (ItemRequestAction.submit, ItemRequestStatus.draft, Set<Role>([.siteKeeper]), "/hq/d1/s1/", true),
        (.submit, .draft, [.siteKeeper], "/hq/d2/s9/", false),
        (.submit, .draft, [.production], "/hq/d1/s1/", false),
        // Its own department forwards; another department does not; a site does not.
        (.forward, .submitted, [.deptAccountant], "/hq/d1/", true),
        (.forward, .submitted, [.deptManager], "/hq/d1/", true),
        (.forward, .submitted, [.deptAccountant], "/hq/d2/", false),
        (.forward, .submitted, [.siteKeeper], "/hq/d1/s1/", false),
        // Only the HQ materials office approves (MAT-05).
        (.approve, .forwarded, [.mgmtMaterials], "/hq/", true),
        (.approve, .forwarded, [.deptAccountant], "/hq/d1/", false),
        (.approve, .forwarded, [.mgmtPlanner], "/hq/", false),
        (.submit, .draft, [.mgmtMaterials], "/hq/", false),
        // A department may refuse to forward; once forwarded only HQ rejects.
        (.reject, .submitted, [.deptManager], "/hq/d1/", true),
        (.reject, .forwarded, [.deptManager], "/hq/d1/", false),
        (.reject, .forwarded, [.mgmtMaterials], "/hq/", true),
        (.reject, .submitted, [.deptManager], "/hq/d2/", false),
    ]

    @Test func whoMayAct() {
        for (action, status, roles, userPath, allowed) in Self.permissions {
            #expect(ItemRequestRules.mayAct(action, status: status, roles: roles, userPath: userPath, requestPath: site) == allowed,
                    "\(action) \(status) \(roles) \(userPath)")
        }
    }

    @Test func whoMayCreate() {
        #expect(ItemRequestRules.mayCreate(roles: [.siteKeeper], userPath: site, requestPath: site))
        #expect(ItemRequestRules.mayCreate(roles: [.deptAccountant], userPath: dept, requestPath: dept))
        #expect(!ItemRequestRules.mayCreate(roles: [.siteKeeper], userPath: otherSite, requestPath: site))
        #expect(ItemRequestRules.mayCreate(roles: [.mgmtMaterials], userPath: hq, requestPath: site))
        #expect(!ItemRequestRules.mayCreate(roles: [.deptManager], userPath: dept, requestPath: site))
        #expect(!ItemRequestRules.mayCreate(roles: [.deptAccountant], userPath: otherDept, requestPath: site))
    }

    @Test func threePhotosBeforeSubmit() {
        #expect(ItemRequestRules.missingPhotos([]) == [.distant, .closeUp, .spec])
        #expect(ItemRequestRules.missingPhotos([.distant, .spec]) == [.closeUp])
        #expect(ItemRequestRules.missingPhotos(Set(ItemRequestPhotoKind.allCases)).isEmpty)
    }
}

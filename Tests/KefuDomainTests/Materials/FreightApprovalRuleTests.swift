import KefuDomain
import Testing

/// #13.4, FRT-03..06: the freight approval rule at its boundaries (110 % inclusive, 200 yuan inclusive, air always).
@Suite("Materials: freight approval rule (FRT-03..06)")
struct FreightApprovalRuleTests {
    typealias R = FreightApprovalRule

    static func fen(_ typed: String) -> Int64 { Yuan.fen(typed)! }

    @Test(arguments: [
        // (mode, cost, reference, expected)
        (FreightMode.rentedVehicle, "1000.00", "1000.00", FreightApproval.none),
        (.rentedVehicle, "1100.00", "1000.00", .none),          // exactly 110 %
        (.rentedVehicle, "1100.01", "1000.00", .department),    // 110 % + 0.01
        (.rentedVehicle, "0.01", "1000.00", .none),
        (.rentedVehicle, "1210.00", "1100.00", .none),          // 1100 × 1.1 = 1210 exactly
        (.rentedVehicle, "1210.01", "1100.00", .department),
        (.rentedVehicle, "3.30", "3.00", .none),                // 3.00 × 1.1 = 3.30 (no float drift)
        (.rentedVehicle, "3.31", "3.00", .department),
        (.rentedVehicle, "1.10", "0.99", .department),          // 0.99 × 1.1 = 1.089: 1.09 already above
        (.rentedVehicle, "1.08", "0.99", .none),
        (.air, "1.00", "1000.00", .departmentManager),          // air at 1 yuan, even under the reference
        (.air, "99999.00", "0", .departmentManager),
        (.express, "200.00", "0", .none),                        // exactly 200
        (.express, "200.01", "0", .departmentLeadership),
        (.express, "0.50", "0", .none),
        (.express, "350.00", "0", .departmentLeadership),
    ])
    func approvalAtTheBoundaries(_ mode: FreightMode, _ cost: String, _ reference: String, _ expected: FreightApproval) {
        let result = R.approval(mode: mode, costFen: Self.fen(cost), referenceFen: mode == .rentedVehicle ? Self.fen(reference) : nil)
        #expect(result == .success(expected), "\(mode) \(cost) vs \(reference)")
    }

    @Test func aRentedVehicleWithoutAReferencePriceInForceIsRefusedWithAClearCode() {
        #expect(R.approval(mode: .rentedVehicle, costFen: 100, referenceFen: nil) == .failure(.noReferencePrice))
        #expect(FreightRuleRefusal.noReferencePrice.rawValue == "no_reference_price")
        // Air and express need no reference price.
        #expect(R.approval(mode: .air, costFen: 100, referenceFen: nil) == .success(.departmentManager))
        #expect(R.approval(mode: .express, costFen: 100, referenceFen: nil) == .success(.none))
    }

    @Test func theRentedLimitIsReferenceTimesOnePointOneRoundedDown() {
        #expect(R.rentedLimitFen(referenceFen: 100_000) == 110_000)
        #expect(R.rentedLimitFen(referenceFen: 99) == 108)
    }

    @Test func statesAndDecisions() {
        #expect(R.initialStatus(.none) == .notNeeded)
        for a in [FreightApproval.department, .departmentManager, .departmentLeadership] { #expect(R.initialStatus(a) == .awaitingApproval) }
        #expect(R.next(.awaitingApproval, .approve) == .approved)
        #expect(R.next(.awaitingApproval, .reject) == .rejected)
        for s in [FreightStatus.notNeeded, .approved, .rejected] {
            #expect(R.next(s, .approve) == nil)
            #expect(R.next(s, .reject) == nil)
        }
    }

    @Test func whoApprovesWhat() {
        let dept = "/root/deptA/", site = "/root/deptA/site1/", other = "/root/deptB/"
        // FRT-05: air — the department manager only.
        #expect(R.mayDecide(.departmentManager, roles: [.deptManager], userPath: dept, departmentPath: dept))
        #expect(!R.mayDecide(.departmentManager, roles: [.deptSupervisor], userPath: dept, departmentPath: dept))
        // FRT-04 and FRT-06: supervisor or manager.
        for a in [FreightApproval.department, .departmentLeadership] {
            #expect(R.mayDecide(a, roles: [.deptSupervisor], userPath: dept, departmentPath: dept))
            #expect(R.mayDecide(a, roles: [.deptManager], userPath: "/root/", departmentPath: dept))
            #expect(!R.mayDecide(a, roles: [.deptManager], userPath: other, departmentPath: dept), "another department")
            #expect(!R.mayDecide(a, roles: [.deptManager], userPath: site, departmentPath: dept), "a site below does not cover its department")
            #expect(!R.mayDecide(a, roles: [.siteLead, .deptAccountant, .admin, .mgmtMaterials], userPath: dept, departmentPath: dept))
        }
        #expect(!R.mayDecide(.none, roles: [.deptManager], userPath: dept, departmentPath: dept))
    }

    @Test func exceptionsForTheReport() {
        #expect(R.isException(approval: .none, costFen: 100_001, referenceFen: 100_000), "above reference within tolerance")
        #expect(!R.isException(approval: .none, costFen: 100_000, referenceFen: 100_000))
        #expect(!R.isException(approval: .none, costFen: 20_000, referenceFen: nil))
        #expect(R.isException(approval: .departmentManager, costFen: 100, referenceFen: nil))
    }

    @Test func whoKeepsPricesAndRecords() {
        #expect(FreightRules.mayKeepPrices([.mgmtMaterials], userPath: "/root/hq/"))
        #expect(FreightRules.mayKeepPrices([.mgmtPlanner], userPath: "/root/"))
        #expect(FreightRules.mayKeepPrices([.admin], userPath: "/root/"))
        #expect(!FreightRules.mayKeepPrices([.admin], userPath: "/root/deptA/"))
        #expect(!FreightRules.mayKeepPrices([.deptManager, .deptAccountant, .siteLead], userPath: "/root/"))
        #expect(FreightRules.mayRecord(roles: [.siteKeeper], userPath: "/root/deptA/site1/", sitePath: "/root/deptA/site1/"))
        #expect(!FreightRules.mayRecord(roles: [.siteKeeper], userPath: "/root/deptA/site2/", sitePath: "/root/deptA/site1/"))
        #expect(!FreightRules.mayRecord(roles: [.deptManager], userPath: "/root/deptA/", sitePath: "/root/deptA/site1/"))
    }
}

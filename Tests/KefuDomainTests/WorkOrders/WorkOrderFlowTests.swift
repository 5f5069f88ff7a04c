import KefuDomain
import Testing

/// SPEC 4.8 and WO-02, WO-05, WO-07, WO-08, RET-02 (#14.1).
@Suite("Work order flow (4.8, WO-01..11)")
struct WorkOrderFlowTests {
    @Test func theHappyPathFollowsFourPointEight() {
        var s = WorkOrderStatus.issued
        for (step, expected) in [(WorkOrderStep.accept, WorkOrderStatus.accepted), (.depart, .accepted), (.arrive, .arrived), (.start, .working),
                                 (.finish, .awaitingSignature), (.signature, .awaitingSignature), (.complete, .completed), (.returnVisit, .returnVisited)] {
            let n = WorkOrderRules.next(s, step)
            #expect(n == expected, "\(s) —\(step)→ \(String(describing: n))")
            s = n ?? s
        }
        #expect(s == .returnVisited)
    }

    @Test func anAppointmentIsBookedOnlyBeforeAcceptanceAndThenAccepted() {
        #expect(WorkOrderRules.next(.issued, .bookAppointment) == .appointmentBooked)
        #expect(WorkOrderRules.next(.appointmentBooked, .accept) == .accepted)
        #expect(WorkOrderRules.next(.accepted, .bookAppointment) == nil)
        #expect(WorkOrderRules.next(.appointmentBooked, .bookAppointment) == nil)
    }

    @Test func stepsOutOfOrderAreRefused() {
        #expect(WorkOrderRules.next(.issued, .arrive) == nil)
        #expect(WorkOrderRules.next(.issued, .complete) == nil)
        #expect(WorkOrderRules.next(.accepted, .start) == nil)
        #expect(WorkOrderRules.next(.working, .complete) == nil)
        #expect(WorkOrderRules.next(.working, .signature) == nil)
        #expect(WorkOrderRules.next(.arrived, .depart) == nil)
        #expect(WorkOrderRules.next(.awaitingSignature, .returnVisit) == nil)
        #expect(WorkOrderRules.next(.returnVisited, .returnVisit) == nil)
        for step in WorkOrderStep.allCases { #expect(WorkOrderRules.next(.returnVisited, step) == nil) }
    }

    @Test func neverCompletedWithoutASignature() {
        #expect(WorkOrderRules.completion(status: .awaitingSignature, signedContentHash: nil, currentContentHash: "h") == .signatureRequired)
        #expect(WorkOrderRules.completion(status: .working, signedContentHash: nil, currentContentHash: "h") == .signatureRequired)
        #expect(WorkOrderRules.completion(status: .awaitingSignature, signedContentHash: "old", currentContentHash: "h") == .signatureOutdated)
        #expect(WorkOrderRules.completion(status: .awaitingSignature, signedContentHash: "h", currentContentHash: "h") == nil)
        #expect(WorkOrderRules.completion(status: .issued, signedContentHash: nil, currentContentHash: "h") == .invalidState)
        #expect(WorkOrderRules.completion(status: .completed, signedContentHash: "h", currentContentHash: "h") == .invalidState)
    }

    @Test func theDoorClockIsFiveWallClockMinutesFromAcceptance() {
        let accepted: Int64 = 1_800_000_000_000
        #expect(WorkOrderRules.arriveDue(acceptedAtMillis: accepted) == accepted + 300_000)
        #expect(!WorkOrderRules.isLate(acceptedAtMillis: accepted, arrivedAtMillis: accepted + 300_000))
        #expect(WorkOrderRules.isLate(acceptedAtMillis: accepted, arrivedAtMillis: accepted + 300_001))
        #expect(!WorkOrderRules.isOverdue(acceptedAtMillis: accepted, arrivedAtMillis: nil, nowMillis: accepted + 299_000))
        #expect(WorkOrderRules.isOverdue(acceptedAtMillis: accepted, arrivedAtMillis: nil, nowMillis: accepted + 301_000))
        #expect(!WorkOrderRules.isOverdue(acceptedAtMillis: accepted, arrivedAtMillis: accepted + 1_000, nowMillis: accepted + 900_000))
    }

    @Test func customerServiceIssuesAndTheDutyTechnicianExecutesInTheirUnit() {
        let unit = "/root/estate/", below = "/root/estate/b1/", other = "/root/mall/"
        #expect(WorkOrderRules.mayIssue(roles: [.csAgent], userPath: unit, unitPath: below))
        #expect(!WorkOrderRules.mayIssue(roles: [.dutyTechnician], userPath: unit, unitPath: unit))
        #expect(!WorkOrderRules.mayIssue(roles: [.csAgent], userPath: unit, unitPath: other))
        #expect(WorkOrderRules.mayAct(.accept, roles: [.dutyTechnician], userPath: unit, orderPath: below))
        #expect(!WorkOrderRules.mayAct(.accept, roles: [.csAgent], userPath: unit, orderPath: unit))
        #expect(!WorkOrderRules.mayAct(.accept, roles: [.dutyTechnician], userPath: unit, orderPath: other))
        #expect(!WorkOrderRules.mayAct(.accept, roles: [.engineer], userPath: unit, orderPath: unit))
        #expect(WorkOrderRules.mayAct(.bookAppointment, roles: [.csAgent], userPath: unit, orderPath: unit))
        #expect(WorkOrderRules.mayAct(.returnVisit, roles: [.csSupervisor], userPath: unit, orderPath: unit))
        #expect(!WorkOrderRules.mayAct(.returnVisit, roles: [.dutyTechnician], userPath: unit, orderPath: unit))
        #expect(WorkOrderRules.mayView(roles: [.dutyTechnician], userPath: unit, orderPath: unit))
        #expect(!WorkOrderRules.mayView(roles: [.finance], userPath: unit, orderPath: unit))
    }
}

@Suite("Work order signature (WO-07, WO-08) and retention (RET-02)")
struct WorkOrderSignatureTests {
    static let png: [UInt8] = WorkOrderSignature.pngMagic + [0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 0, count: 17)

    @Test func aHouseholdOrderIsSignedByAnAdultOfTheHousehold() {
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王芳", relation: .owner, image: Self.png) == nil)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王芳", relation: .adultFamilyMember, image: Self.png) == nil)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王芳", relation: .securityForemanOrAbove, image: Self.png) == .signerNotAuthorised)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王芳", relation: nil, image: Self.png) == .signerNotAuthorised)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "  ", relation: .owner, image: Self.png) == .signerNameRequired)
    }

    @Test func aPublicFacilityIsSignedByTheRankWOEightNames() {
        for r in [WorkOrderSignerRelation.csAssistantOrAbove, .securityForemanOrAbove, .csCentreOfficeStaff, .onSiteSalesStaff] {
            #expect(WorkOrderSignature.check(kind: .publicFacility, signerName: "李", relation: r, image: Self.png) == nil)
        }
        #expect(WorkOrderSignature.check(kind: .publicFacility, signerName: "李", relation: .tenant, image: Self.png) == .signerNotAuthorised)
    }

    @Test func theImageMustBeASmallPNG() {
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王", relation: .owner, image: []) == .empty)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王", relation: .owner, image: Array("GIF89a-not-a-png-at-all-really-no".utf8)) == .notPNG)
        let big = Self.png + [UInt8](repeating: 1, count: WorkOrderRules.maxSignatureBytes)
        #expect(WorkOrderSignature.check(kind: .household, signerName: "王", relation: .owner, image: big) == .tooLarge)
    }

    @Test func theSignedContentChangesWithAnyField() {
        let a = WorkOrderSignature.canonicalContent(number: "GD-2026-000001", kind: .household, location: "3-201", description: "漏水", requesterName: "王",
                                                    requesterPhone: "139", workNotes: "换阀门", materials: "阀门 1 个")
        let b = WorkOrderSignature.canonicalContent(number: "GD-2026-000001", kind: .household, location: "3-201", description: "漏水", requesterName: "王",
                                                    requesterPhone: "139", workNotes: "换阀门", materials: "阀门 2 个")
        #expect(a != b)
    }

    @Test func completedOrdersAreKeptTwoYears() {
        let done = CivilDay(year: 2026, month: 12, day: 1)
        #expect(WorkOrderRetention.keptUntil(completedOn: done) == CivilDay(year: 2028, month: 12, day: 1))
        #expect(!WorkOrderRetention.mayDelete(completedOn: done, today: CivilDay(year: 2028, month: 12, day: 1)))
        #expect(WorkOrderRetention.mayDelete(completedOn: done, today: CivilDay(year: 2028, month: 12, day: 2)))
        #expect(!WorkOrderRetention.mayDelete(completedOn: nil, today: CivilDay(year: 2040, month: 1, day: 1)))
        #expect(WorkOrderRetention.keptUntil(completedOn: CivilDay(year: 2028, month: 2, day: 29)) == CivilDay(year: 2030, month: 2, day: 28))
    }
}

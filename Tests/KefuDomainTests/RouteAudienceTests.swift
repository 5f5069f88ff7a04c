import KefuDomain
import Testing

/// #10 "Also": the audiences of the route table decide allow or deny from the domain's rules alone.
@Suite("Route audiences (#10)")
struct RouteAudienceTests {
    let root = "/r/", unit = "/r/cs/", sibling = "/r/east/"

    @Test func aRecordOfAUnitIsReachedFromItAndAboveButNotFromBeside() {
        let work = RouteAudience.inUnit(Role.ticketOwners)
        #expect(work.allows([.csAgent], userPath: unit, recordPath: unit))
        #expect(work.allows([.csAgent], userPath: root, recordPath: unit))
        #expect(!work.allows([.csAgent], userPath: sibling, recordPath: unit))
        #expect(!work.allows([.finance], userPath: unit, recordPath: unit), "#10.20: by role and unit, not by unit alone")
        #expect(!work.allows([], userPath: root, recordPath: unit))
        #expect(RouteAudience.inUnitOrOwner([]).allows([.customer], userPath: unit, recordPath: unit, owner: true))
    }

    @Test func afterSalesStepsFollowTheStepAndTheScope() {
        let inspect = RouteAudience.aftersales([.quality])
        #expect(inspect.allows([.qa], userPath: sibling, recordPath: unit), "QA serves every unit")
        #expect(!inspect.allows([.csAgent], userPath: unit, recordPath: unit))
        let register = RouteAudience.aftersales([.customerService])
        #expect(register.allows([.csAgent], userPath: unit, recordPath: unit))
        #expect(!register.allows([.csAgent], userPath: sibling, recordPath: unit))
        #expect(!RouteAudience.responsibleDepartment.allows([.production], userPath: sibling, recordPath: unit))
    }

    @Test func companyWideSettingsAndMasterDataAreTheHeadOffices() {
        let standards = ApiAccess.routes["PUT /api/v1/sla-policies/{id}"]!
        #expect(standards.allows([.csManager], userPath: root, recordPath: unit))
        #expect(!standards.allows([.csManager], userPath: unit, recordPath: unit))
        let master = ApiAccess.routes["POST /api/v1/warehouses"]!
        #expect(master.allows([.admin], userPath: root, recordPath: unit))
        #expect(!master.allows([.admin], userPath: unit, recordPath: unit))
        #expect(RouteAudience.materials(.audit).allows([.deptAccountant], userPath: unit, recordPath: unit))
        #expect(!RouteAudience.materials(.audit).allows([.deptAccountant], userPath: sibling, recordPath: unit))
    }

    @Test func onlyHeadOfficeAdministratorsGiveRolesThatActBeyondAUnit() {
        #expect(RoleGrants.mayGrant([.qa], byRoles: [.admin], userPath: root))
        #expect(!RoleGrants.mayGrant([.qa], byRoles: [.admin], userPath: unit))
        #expect(!RoleGrants.mayGrant([.csAgent, .mgmtMaterials], byRoles: [.admin], userPath: unit))
        #expect(RoleGrants.mayGrant([.csAgent, .siteKeeper], byRoles: [.admin], userPath: unit))
        #expect(!RoleGrants.mayGrant([.csAgent], byRoles: [.csManager], userPath: root))
    }
}

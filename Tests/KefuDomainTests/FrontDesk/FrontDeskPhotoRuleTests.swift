import KefuDomain
import Testing

/// FRD-05 (and FRD-03, decision): which records take photos, and only while they are open.
@Suite("Front desk photos (#14.4, FRD-05)")
struct FrontDeskPhotoRuleTests {
    @Test(arguments: [
        (FrontDeskRegister.bagStorage, FrontDeskStatus.stored, true),
        (.bagStorage, .retrieved, false),
        (.lostProperty, .held, true),
        (.lostProperty, .claimed, false),
        (.lostProperty, .handedOver, false),
        (.membershipCard, .applied, false),
        (.invoice, .recorded, false),
    ])
    func photosAreAddedToOpenBagsAndHeldItemsOnly(register: FrontDeskRegister, status: FrontDeskStatus, allowed: Bool) {
        #expect(FrontDeskPhotoRule.mayAddPhoto(register, status) == allowed)
    }

    @Test func onlyBagsAndLostItemsShowAPhotoSection() {
        #expect(Set(FrontDeskRegister.allCases.filter(FrontDeskPhotoRule.takesPhotos)) == [.lostProperty, .bagStorage])
    }
}

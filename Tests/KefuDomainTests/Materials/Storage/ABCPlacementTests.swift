import KefuDomain
import Testing

@Suite("Storage: where an ABC class belongs (STO-02)")
struct ABCPlacementTests {
    @Test func classAIsFloorStackedAndTheRestShelved() {
        #expect(ABCPlacement.place(for: .A) == .floorStack)
        #expect(ABCPlacement.place(for: .B) == .shelf)
        #expect(ABCPlacement.place(for: .C) == .shelf)
    }

    @Test func anUnknownStoredClassCountsAsC() {
        #expect(ABCPlacement.place(forStored: "A") == .floorStack)
        #expect(ABCPlacement.place(forStored: "") == .shelf)
        #expect(ABCPlacement.place(forStored: "a") == .shelf)
    }
}

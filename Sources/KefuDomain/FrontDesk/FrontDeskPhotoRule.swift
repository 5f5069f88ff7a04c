/// FRD-05 "photo optional" on a stored bag, and (decision) the same for a lost item held at the desk: a photo shows the
/// owner what was kept. Photos are added while the record is open — once the bag is retrieved or the item claimed or
/// handed over, the record is what was signed for and its photos no longer change.
public enum FrontDeskPhotoRule {
    public static let registers: Set<FrontDeskRegister> = [.bagStorage, .lostProperty]

    public static func takesPhotos(_ register: FrontDeskRegister) -> Bool { registers.contains(register) }

    public static func mayAddPhoto(_ register: FrontDeskRegister, _ status: FrontDeskStatus) -> Bool {
        takesPhotos(register) && status.isOpen
    }
}

import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// FRD-05 (#14.4): the photo of a stored bag, and of a lost item held at the desk. Whoever may see the record reads its
/// photos; the desk adds them while the record is open (`FrontDeskPhotoRule`).
struct FrontDeskAttachments: AttachmentOwner {
    static let ownerKind = "front_desk_record"
    let kind = Self.ownerKind

    func requireRead(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        try FrontDeskQueries.requireWorker(principal)
        _ = try await FrontDeskQueries.view(db, id: ownerId, viewer: principal, now: FrontDeskNow(.now))
    }

    func requireAttach(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        try FrontDeskQueries.requireWorker(principal)
        let r = try await FrontDeskQueries.view(db, id: ownerId, viewer: principal, now: FrontDeskNow(.now))
        guard FrontDeskPhotoRule.takesPhotos(r.register) else {
            throw AppError.conflict("invalid_state", Text("这类登记不附照片", "This register takes no photos"))
        }
        guard FrontDeskPhotoRule.mayAddPhoto(r.register, r.status) else {
            throw AppError.conflict("invalid_state", Text("登记已办结，不能再添加照片", "The record is closed; photos can no longer be added"))
        }
    }
}

public enum FrontDeskAttachmentOwners {
    public static let all: [any AttachmentOwner] = [FrontDeskAttachments()]
}

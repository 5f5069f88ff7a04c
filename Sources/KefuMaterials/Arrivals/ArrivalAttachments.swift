import KefuDomain
import KefuPlatform
import SQLKit

/// ARR-04: photos of damage or a mismatch on an arrival check. Whoever sees the check reads them; whoever keeps the
/// warehouse's documents adds them while the check is open.
struct ArrivalAttachments: AttachmentOwner {
    static let ownerKind = "arrival"
    let kind = Self.ownerKind

    func requireRead(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        _ = try await ArrivalService.require(db, id: ownerId, viewer: principal, now: Clock.millis())
    }

    func requireAttach(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        let a = try await ArrivalService.require(db, id: ownerId, viewer: principal, now: Clock.millis())
        guard MaterialPermissions.canEditDocuments(principal.roles, covers: principal.covers(unitPath: a.orgPath)) else {
            throw AppError.forbidden(Text("只有本仓库的保管员或账务员可以上传到货照片", "Only those who keep this warehouse's books add photos"))
        }
        guard a.statusValue == .checking else {
            throw AppError.conflict("arrival_completed", Text("到货验收已完成，不能再添加照片", "The check is completed; photos can no longer be added"))
        }
    }
}

import KefuDomain
import KefuPlatform
import SQLKit

/// MAT-05 (#12.5): the request's photos (label = `ItemRequestPhotoKind`). Whoever sees the request reads them; whoever
/// may create a request for its unit adds them while it is a draft.
struct ItemRequestAttachments: AttachmentOwner {
    static let ownerKind = "item_request"
    let kind = Self.ownerKind

    func requireRead(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        _ = try await ItemRequestService.require(db, id: ownerId, viewer: principal)
    }

    func requireAttach(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        let r = try await ItemRequestService.require(db, id: ownerId, viewer: principal)
        guard ItemRequestRules.mayAct(.submit, status: .draft, roles: principal.roles, userPath: principal.orgPath, requestPath: r.orgPath) else {
            throw AppError.forbidden(Text("只有申请单位可以上传照片", "Only the requesting unit adds photos"))
        }
        guard r.status == ItemRequestStatus.draft.rawValue else {
            throw AppError.conflict("invalid_state", Text("申请已提交，不能再添加照片", "The request is submitted; photos can no longer be added"))
        }
    }
}

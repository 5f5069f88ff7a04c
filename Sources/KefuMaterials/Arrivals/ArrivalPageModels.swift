import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The receiving log (`/materials/arrivals`, ARR-03, ARR-06): a page of arrival checks in the viewer's scope, the
/// warehouses to filter by, whether the viewer records arrivals.
struct ArrivalListPageModel: Sendable {
    let arrivals: ListPage<ArrivalView>
    let filter: ArrivalFilter
    let warehouses: [(id: String, name: String)]
    let canRecord: Bool
}

/// The check form (`/materials/arrivals/new`): the warehouses the viewer keeps, the suppliers, and a transfer whose
/// lines prefill the form (ARR-07).
struct ArrivalFormModel: Sendable {
    /// TRF-10: the transfer's own papers prefill the check's.
    struct Prefill: Sendable { let transferId: String; let number: String; let toWarehouseId: String; let lines: [DocumentLineView]; let papers: ShippingPapersView }
    let warehouses: [(id: String, name: String)]
    let suppliers: [(id: String, name: String)]
    let transfer: Prefill?
    /// #13.1 item 1: the material request whose goods these are; its lines prefill the expected quantities.
    let request: MaterialRequestForArrival?
}

/// One check (`/materials/arrivals/{id}`): the arrival, its photos and the steps the viewer may take.
struct ArrivalPageModel: Sendable {
    let arrival: ArrivalView
    let photos: [Attachments.View]
    let canComplete: Bool
    let canConfirm: Bool
    let canAddPhotos: Bool
    /// The material request the check answers (#13.1 item 1), for the link back.
    let requestNumber: String?
}

/// TRF-10 (`/materials/transfers/{id}/shipping-papers`).
struct ShippingPapersPageModel: Sendable {
    let transferId: String
    let number: String
    let fromWarehouseName: String
    let toWarehouseName: String
    let papers: ShippingPapersView
    let canEdit: Bool
}

extension ArrivalService {
    /// Active warehouses the viewer sees (`edit`: those whose documents it keeps), in code order.
    static func warehouseChoices(_ db: any SQLDatabase, viewer: Principal, edit: Bool) async throws -> [(id: String, name: String)] {
        try await db.raw("SELECT id, code, name, org_path FROM warehouses WHERE active = 1 ORDER BY code").all().compactMap { row in
            let covers = viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))
            let allowed = edit ? MaterialPermissions.canEditDocuments(viewer.roles, covers: covers) : MaterialPermissions.canView(viewer.roles, covers: covers)
            guard allowed else { return nil }
            return (try row.decode(column: "id", as: String.self), try row.decode(column: "code", as: String.self) + " " + (try row.decode(column: "name", as: String.self)))
        }
    }

    static func mayRecord(_ viewer: Principal) -> Bool { !viewer.roles.isDisjoint(with: [.admin, .mgmtMaterials, .deptAccountant, .siteKeeper]) }

    func listPageModel(_ filter: ArrivalFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ArrivalListPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            ArrivalListPageModel(arrivals: try await Self.list(db, filter, paging: paging, viewer: viewer, at: Clock.millis(now)), filter: filter,
                                 warehouses: try await Self.warehouseChoices(db, viewer: viewer, edit: false), canRecord: Self.mayRecord(viewer))
        }
    }

    func formModel(transferId: String?, requestId: String? = nil, viewer: Principal, now: Date = Date()) async throws -> ArrivalFormModel {
        try MaterialAccess.requireViewer(viewer)
        guard Self.mayRecord(viewer) else {
            throw AppError.forbidden(Text("只有仓库保管员、账务员或物资管理室可以登记到货验收", "Only those who keep a warehouse's books record arrival checks"))
        }
        return try await store.read { db in
            let suppliers = try await db.raw("SELECT id, code, name FROM suppliers WHERE active = 1 ORDER BY code").all().map {
                (id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "code", as: String.self) + " " + (try $0.decode(column: "name", as: String.self)))
            }
            var prefill: ArrivalFormModel.Prefill?
            if let transferId = TextRules.trimmed(transferId) {
                let t = try await TransferService.view(db, id: transferId, viewer: viewer)
                prefill = .init(transferId: t.id, number: t.number, toWarehouseId: t.toWarehouseId, lines: t.lines,
                                papers: try await TransferReports.papers(db, transferId: t.id))
            }
            var request: MaterialRequestForArrival?
            if let reference = TextRules.trimmed(requestId) {
                request = try await MaterialRequestService.forArrival(db, reference: reference, viewer: viewer, at: Clock.millis(now))
            }
            return ArrivalFormModel(warehouses: try await Self.warehouseChoices(db, viewer: viewer, edit: true), suppliers: suppliers, transfer: prefill,
                                    request: request)
        }
    }

    func pageModel(id: String, viewer: Principal, now: Date = Date()) async throws -> ArrivalPageModel {
        try await store.read { db in
            let a = try await Self.require(db, id: id, viewer: viewer, now: Clock.millis(now))
            let photos = try await Attachments.list(db, ownerKind: ArrivalAttachments.ownerKind, ownerId: id)
            let keeps = MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: a.orgPath))
            let open = a.statusValue == .checking
            var requestNumber: String?
            if let requestId = a.materialRequestId { requestNumber = try await MaterialRequestService.number(db, id: requestId) }
            return ArrivalPageModel(
                arrival: a, photos: photos,
                canComplete: keeps && ArrivalRules.mayComplete(status: a.statusValue, provisional: a.provisional, confirmed: a.confirmedBy != nil) == nil,
                canConfirm: !viewer.roles.isDisjoint(with: ArrivalRules.confirmers)
                    && ArrivalRules.mayConfirm(status: a.statusValue, provisional: a.provisional, confirmed: a.confirmedBy != nil) == nil,
                canAddPhotos: keeps && open,
                requestNumber: requestNumber)
        }
    }
}

extension TransferReports {
    func shippingPapersPageModel(transferId: String, viewer: Principal) async throws -> ShippingPapersPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let t = try await TransferService.view(db, id: transferId, viewer: viewer)
            let from = try await MasterDataService.requireWarehouse(db, id: t.fromWarehouseId, field: "fromWarehouseId")
            let to = try await MasterDataService.requireWarehouse(db, id: t.toWarehouseId, field: "toWarehouseId")
            return ShippingPapersPageModel(transferId: t.id, number: t.number, fromWarehouseName: from.name, toWarehouseName: to.name,
                                           papers: try await Self.papers(db, transferId: transferId),
                                           canEdit: MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: from.orgPath)))
        }
    }
}

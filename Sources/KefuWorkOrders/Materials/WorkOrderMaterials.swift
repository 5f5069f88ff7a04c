import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 1: the estate's store as the work orders need it — supplied by the composition root from the materials
/// feature's own functions, so that this feature never reads the materials tables (nor depends on its target). Both
/// calls run inside the caller's transaction: the issue document and the finished order commit together or not at all.
public struct WorkOrderStore: Sendable {
    public let warehouseId: String
    public let name: String

    public init(warehouseId: String, name: String) {
        self.warehouseId = warehouseId; self.name = name
    }
}

/// The issue document (出库) made for an order's materials.
public struct WorkOrderIssueDocument: Sendable {
    public let id: String
    public let number: String

    public init(id: String, number: String) {
        self.id = id; self.number = number
    }
}

public protocol WorkOrderMaterials: Sendable {
    /// The materials store set up for the unit's work orders; nil when none (materials then stay free text).
    func store(_ db: any SQLDatabase, unitId: String) async throws -> WorkOrderStore?
    /// Issues the lines from the store for the order, linked to its number; refuses (422 `insufficient_stock`, an
    /// unknown item code …) by throwing, before anything is written, so the caller's transaction rolls back whole.
    func issue(_ db: any SQLDatabase, store: WorkOrderStore, lines: [WorkOrderMaterialLines.Line], orderNumber: String, location: String,
               by actor: Principal, at: Int64) async throws -> WorkOrderIssueDocument
}

/// A composition without the materials books: no store is ever set up.
public struct NoWorkOrderMaterials: WorkOrderMaterials {
    public init() {}
    public func store(_ db: any SQLDatabase, unitId: String) async throws -> WorkOrderStore? { nil }
    public func issue(_ db: any SQLDatabase, store: WorkOrderStore, lines: [WorkOrderMaterialLines.Line], orderNumber: String, location: String,
                      by actor: Principal, at: Int64) async throws -> WorkOrderIssueDocument {
        throw AppError.conflict("no_store", Text("没有设置材料仓库", "No materials store is set up"))
    }
}

extension WorkOrderService {
    /// The finish step's materials: with the unit's store set up, each typed line is issued from it (one issue document,
    /// linked both ways); without one, the text is kept as typed. Runs in the step's transaction.
    static func issueMaterials(_ db: any SQLDatabase, materials: any WorkOrderMaterials, order o: WorkOrderView, text: String, actor: Principal,
                               at: Int64) async throws -> WorkOrderIssueDocument? {
        guard let store = try await materials.store(db, unitId: o.orgUnitId) else { return nil }
        let lines: [WorkOrderMaterialLines.Line]
        switch WorkOrderMaterialLines.parse(text) {
        case .success(let l): lines = l
        case .failure(.tooMany):
            throw AppError.validation("materials", Text("所用材料最多 \(WorkOrderMaterialLines.maxLines) 行", "At most \(WorkOrderMaterialLines.maxLines) lines of materials"))
        case .failure(.noQuantity(let n)), .failure(.badQuantity(let n)):
            throw AppError.validation("materials", Text("所用材料第 \(n) 行应为“物料编码 数量”，如 JF-DN15 2（本单位已设材料仓库“\(store.name)”，从该仓库出库）",
                                                        "Materials line \(n) must be \"item code quantity\", e.g. JF-DN15 2 (the unit's store \(store.name) issues them)"))
        }
        guard !lines.isEmpty else { return nil }
        return try await materials.issue(db, store: store, lines: lines, orderNumber: o.number, location: o.location, by: actor, at: at)
    }
}

import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuWorkOrders
import SQLKit

/// #14 item 1: the work orders' materials issued through the materials feature's own functions
/// (`WorkOrderMaterialIssues`), inside the work order step's transaction.
struct WorkOrderMaterialsFromStore: WorkOrderMaterials {
    let issues: WorkOrderMaterialIssues

    func store(_ db: any SQLDatabase, unitId: String) async throws -> WorkOrderStore? {
        try await issues.store(db, unitId: unitId).map { WorkOrderStore(warehouseId: $0.id, name: $0.name) }
    }

    func issue(_ db: any SQLDatabase, store: WorkOrderStore, lines: [WorkOrderMaterialLines.Line], orderNumber: String, location: String,
               by actor: Principal, at: Int64) async throws -> WorkOrderIssueDocument {
        let d = try await issues.issue(db, warehouseId: store.warehouseId, lines: lines.map { (itemCode: $0.itemCode, quantity: $0.quantity, note: $0.note) },
                                       orderNumber: orderNumber, location: location, by: actor, at: at)
        return WorkOrderIssueDocument(id: d.id, number: d.number)
    }
}

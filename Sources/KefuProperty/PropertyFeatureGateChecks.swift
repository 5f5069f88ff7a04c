import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 6: a new property record is refused (403 `feature_off`) where the property feature is off — at the
/// estate's unit for the records of an estate, at the record's unit for the records of a unit.
extension PropertyQueries {
    /// The estate a new record is written for (name, path; scope checked as `estate` does), the feature on at its unit.
    static func estateForNewRecord(_ db: any SQLDatabase, id: String, viewer: Principal, write: Bool = true,
                                   features: any FeatureGate) async throws -> (name: String, path: String) {
        let estate = try await estate(db, id: id, viewer: viewer, write: write)
        let unitId = try await db.raw("SELECT org_unit_id FROM property_estates WHERE id = \(bind: id)").first()?.decode(column: "org_unit_id", as: String.self)
        guard let unitId else { throw AppError.notFound(Text("小区", "Estate")) }
        try await features.requireOn(.property, unitId: unitId, in: db)
        return estate
    }
}

import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// Human numbers per kind and year: TS2026-0001 (投诉), WX (返修), TH (退换货), and the slips.
enum Numbers {
    static func next(_ prefix: String, year: Int, _ db: any SQLDatabase) async throws -> String {
        let n = try await Counters.next("aftersales_\(prefix):\(year)", in: db)
        let s = String(n)
        return "\(prefix)\(year)-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

import SQLKit

/// PRP-04 the complaints of a unit and its sub-units registered in [from, to) (UTC millis), read through the
/// after-sales feature's query functions inside the caller's transaction (wired in the composition root, so this
/// feature neither depends on after-sales nor reads its tables).
public protocol PropertyComplaintSource: Sendable {
    func complaints(_ db: any SQLDatabase, underPath: String, from: Int64, to: Int64, limit: Int) async throws -> [PropertyComplaintLine]
}

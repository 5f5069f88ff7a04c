import Foundation
import KefuDomain
import SQLKit

/// RET-04: the refusal of a delete that would remove a filed record inside its retention period (409 `retention_hold`).
public enum RetentionHold {
    public static func refusal(_ what: Text, hint: Text? = nil) -> AppError {
        let base = Text(what.zh + "已归档，保存期内不能删除（RET-04）", what.en + " is a filed record and cannot be deleted inside its retention period (RET-04)")
        let message = hint.map { Text(base.zh + "；" + $0.zh, base.en + "; " + $0.en) } ?? base
        return AppError.conflict("retention_hold", message)
    }

    /// #17.6 RET-04: the refusal of a delete (or of the step that would lead to one, such as un-auditing a filed document)
    /// of a record under an active legal hold, whatever its period (409 `retention_hold`, `details.hold`).
    public static func heldRefusal(_ what: Text) -> AppError {
        AppError(.conflict, "retention_hold", Text(what.zh + "处于保全中，不能删除或撤销归档，须先由管理员解除保全（RET-04）",
                                                   what.en + " is under a legal hold and can be neither deleted nor taken out of the files until an administrator releases the hold (RET-04)"),
                 details: ["hold": "legal"])
    }

    /// #17.6: refuses inside the caller's transaction when `kind`'s record `id` is under a hold active today.
    public static func requireNotHeld(_ db: any SQLDatabase, _ kind: RetainedKind, id: String, what: Text, now: Date = Date()) async throws {
        if try await RetentionSettings.isHeld(db, kind: kind, id: id, today: Times.day(now)) { throw heldRefusal(what) }
    }
}

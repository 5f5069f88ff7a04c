import KefuDomain

/// RET-04: the refusal of a delete that would remove a filed record inside its retention period (409 `retention_hold`).
public enum RetentionHold {
    public static func refusal(_ what: Text, hint: Text? = nil) -> AppError {
        let base = Text(what.zh + "已归档，保存期内不能删除（RET-04）", what.en + " is a filed record and cannot be deleted inside its retention period (RET-04)")
        let message = hint.map { Text(base.zh + "；" + $0.zh, base.en + "; " + $0.en) } ?? base
        return AppError.conflict("retention_hold", message)
    }
}

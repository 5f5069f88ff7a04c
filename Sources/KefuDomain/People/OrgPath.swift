/// Materialised path of an org unit: "/<root id>/<child id>/…/". A role acts in its own unit and every unit
/// whose path starts with its unit's path (API.md: "a role acts within its user's org unit and the units below it").
public enum OrgPath {
    public static func child(of parentPath: String?, id: String) -> String {
        (parentPath ?? "/") + id + "/"
    }

    public static func contains(_ scopePath: String, _ unitPath: String) -> Bool {
        unitPath.hasPrefix(scopePath)
    }
}

extension OrgPath {
    /// The unit ids on a path, root first: "/a/b/c/" → [a, b, c].
    public static func ids(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    /// True for the root unit (the head office): its path holds one id.
    public static func isRoot(_ path: String) -> Bool { ids(path).count == 1 }
}

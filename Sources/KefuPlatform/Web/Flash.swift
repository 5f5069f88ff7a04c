/// A one-line message shown at the top of the next page (after a redirect), carried in the URL.
public enum Flash {
    public static func notice(_ path: String, _ code: String) -> String {
        path + (path.contains("?") ? "&" : "?") + "notice=" + code
    }
}

/// #16: what a public form's throttle keeps of the client address it counts (the chat widget's starts, the portal's
/// sign-in links): a hash per purpose, never the address itself, so the throttle's rows and their audit lines hold no
/// visitor's IP address. (Unkeyed: it hides the address from a reader of the table, not from a determined one.)
public enum ClientKey {
    public static func hash(_ address: String, purpose: String) -> String {
        Secrets.hash(purpose + ":" + address)
    }
}

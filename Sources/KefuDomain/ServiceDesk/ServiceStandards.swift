import Foundation

/// The seed's service standards (总述 方案1, 方案7); the clocks that use them are `SlaClocks` on a `WorkCalendar`.
public enum ServiceStandards {
    /// SLA-01: first response to every contact within 5 minutes of receipt.
    public static let firstResponseMinutes = 5
    /// ESC-01: what exceeds an agent's authority is escalated within 1 hour of receipt.
    public static let escalateWithinMinutes = 60
}

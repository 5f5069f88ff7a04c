/// TKT-05 [篇7 §二(二).9]: "an agent may propose flagging a customer as bad (劣质客户); only a CS supervisor confirms, and
/// the flag is recorded". A flag goes proposed → confirmed or rejected; a confirmed flag is lifted (cleared) by a
/// supervisor when the customer's conduct no longer warrants it. One open flag per customer at a time.
public enum CustomerFlagRules {
    public enum Status: String, CaseIterable, Codable, Sendable {
        case proposed, confirmed, rejected, cleared

        /// Proposed and confirmed flags are shown on the customer's tickets; rejected and cleared ones are history.
        public var isOpen: Bool { self == .proposed || self == .confirmed }
    }

    public enum Step: String, CaseIterable, Sendable {
        case confirm, reject, clear
    }

    public static let maxReason = 500

    /// Who proposes: whoever takes customers' requests (agents, supervisors, managers).
    public static func mayPropose(_ roles: Set<Role>) -> Bool { ServiceDeskPermission.granted(.createTicket, to: roles) }

    /// Who decides: a CS supervisor (or manager), never the agent alone.
    public static func mayDecide(_ roles: Set<Role>) -> Bool { ServiceDeskPermission.granted(.superviseTickets, to: roles) }

    /// A new proposal needs no open flag on the customer.
    public static func mayPropose(over open: Status?) -> Bool { open == nil }

    /// Rejecting a proposal or clearing a flag says why; confirming may (the proposal already gives the reason).
    public static func needsNote(_ step: Step) -> Bool { step != .confirm }

    /// The supervisor's steps open on a flag in `current`, in the order the page offers them.
    public static func steps(from current: Status) -> [Step] { Step.allCases.filter { next($0, from: current) != nil } }

    /// The status a step leads to from `current`; nil when the step does not apply.
    public static func next(_ step: Step, from current: Status) -> Status? {
        switch (step, current) {
        case (.confirm, .proposed): return .confirmed
        case (.reject, .proposed): return .rejected
        case (.clear, .confirmed): return .cleared
        default: return nil
        }
    }
}

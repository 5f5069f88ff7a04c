/// Tool loans (SPEC LND-01, LND-02, LND-04; #13.5). A site's tools are lent for a while to a work group: the loan form
/// (临时领用表 / 工具借用登记单) is kept by the site lead (现场总代表); on return it is marked returned and signed off.
/// A loan moves no stock (the seed calls it 临时借用, the tool stays on the site's books); it only holds part of the
/// site's on-hand quantity while it is out.

/// open → returned (once, the whole loan).
public enum ToolLoanStatus: String, CaseIterable, Codable, Sendable {
    case open, returned
}

/// LND-04: how the tool came back.
public enum ToolLoanCondition: String, CaseIterable, Codable, Sendable {
    case good, damaged
}

/// The register's views (LND-02): the open loans, the overdue ones among them, every loan.
public enum ToolLoanRegisterView: String, CaseIterable, Sendable {
    case open, overdue, all
}

public enum ToolLoanRules {
    /// Who writes a loan form: the site's keeper (保管人员) or its lead (现场总代表), and an administrator of the unit
    /// (decision #13.5: the department and HQ read the register but do not lend a site's tools).
    public static let lenders: Set<Role> = [.siteKeeper, .siteLead, .admin]
    /// Who signs off a return (LND-01: 归还时…签字确认): the site lead, or an administrator of the unit.
    public static let returners: Set<Role> = [.siteLead, .admin]

    /// A refusal of a loan form or a return, named for the field it concerns.
    public enum Problem: Equatable, Sendable {
        case quantityNotPositive
        /// More than the site holds less what is already lent out.
        case notEnoughOnSite(available: Quantity)
        case dueBeforeLent
        case lentInFuture
        case returnedBeforeLent
        case returnedInFuture
        /// A damaged return says what is wrong (LND-04).
        case damageNoteRequired
        case alreadyReturned
    }

    /// May lend the tools of a warehouse of the unit at `warehousePath` (its own unit or below).
    public static func mayLend(roles: Set<Role>, userPath: String, warehousePath: String) -> Bool {
        OrgPath.contains(userPath, warehousePath) && !roles.isDisjoint(with: lenders)
    }

    /// May sign off the return of a loan of a warehouse of the unit at `warehousePath`.
    public static func maySignOffReturn(roles: Set<Role>, userPath: String, warehousePath: String) -> Bool {
        OrgPath.contains(userPath, warehousePath) && !roles.isDisjoint(with: returners)
    }

    /// LND-01: a loan form. `onHand`: the warehouse's book quantity of the tool; `lentOut`: what open loans of the same
    /// tool and warehouse already hold.
    public static func checkLoan(quantity: Quantity, onHand: Quantity, lentOut: Quantity, lentOn: CivilDay, dueOn: CivilDay, today: CivilDay) -> Problem? {
        guard quantity.isPositive else { return .quantityNotPositive }
        if lentOn > today { return .lentInFuture }
        if dueOn < lentOn { return .dueBeforeLent }
        let available = available(onHand: onHand, lentOut: lentOut)
        if quantity > available { return .notEnoughOnSite(available: available) }
        return nil
    }

    /// What can still be lent: on hand less what is out, never below zero.
    public static func available(onHand: Quantity, lentOut: Quantity) -> Quantity {
        Quantity(milli: max(0, onHand.milli - lentOut.milli))
    }

    /// LND-01, LND-04: the return of the whole loan, once.
    public static func checkReturn(status: ToolLoanStatus, lentOn: CivilDay, returnedOn: CivilDay, today: CivilDay, condition: ToolLoanCondition,
                                   note: String?) -> Problem? {
        guard status == .open else { return .alreadyReturned }
        if returnedOn > today { return .returnedInFuture }
        if returnedOn < lentOn { return .returnedBeforeLent }
        if condition == .damaged && (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .damageNoteRequired }
        return nil
    }

    /// LND-04: a damaged tool goes to the repair shop at once; a good one does not.
    public static func sendsToRepair(_ condition: ToolLoanCondition) -> Bool { condition == .damaged }

    /// LND-02 overdue list (decision #13.5): an open loan is overdue from the calendar day after its due date; the due
    /// date is a date agreed with the borrower, so days are calendar days, not working days. nil: not overdue.
    public static func daysOverdue(status: ToolLoanStatus, dueOn: CivilDay, today: CivilDay) -> Int? {
        guard status == .open, today > dueOn else { return nil }
        return today.number - dueOn.number
    }
}

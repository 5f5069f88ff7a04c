import KefuDomain
import Testing

/// #11.3: the U8 toolbar from the lifecycle and the user's rights, with the reason a button is off.
@Suite("Materials: the document toolbar (DOC-04, DOC-06, DOC-07, DOC-08, 4.2)")
struct DocumentToolbarTests {
    typealias T = DocumentToolbar

    static func doc(_ status: DocumentStatus?, editing: Bool = false, direction: StockDirection = .in, generated: Bool = false,
                    partner: DocumentStatus? = nil, edit: Bool = true, audit: Bool = true) -> [T.Button: T.State] {
        T.document(.init(status: status, editing: editing, direction: direction, generated: generated, partnerStatus: partner,
                         canAdd: edit, canEdit: edit, canAudit: audit))
    }

    @Test func aNewDocumentCanOnlyBeSaved() {
        let t = Self.doc(nil, editing: true)
        #expect(t[.save] == .on)
        #expect(t[.add] == .on)
        for b in [T.Button.edit, .delete, .audit, .unaudit, .print, .drill] { #expect(t[b] == .off(.notSavedYet), "\(b)") }
    }

    @Test func aSavedDocumentIsEditedDeletedAuditedAndPrinted() {
        let t = Self.doc(.saved)
        #expect(t[.save] == .off(.notEditing))
        #expect(t[.edit] == .on && t[.delete] == .on && t[.audit] == .on && t[.print] == .on)
        #expect(t[.unaudit] == .off(.notAudited))
        #expect(t[.drill] == .off(.noSource))
    }

    @Test func whileEditingSaveComesFirst() {
        let t = Self.doc(.saved, editing: true)
        #expect(t[.save] == .on)
        #expect(t[.audit] == .off(.editing) && t[.edit] == .off(.editing) && t[.print] == .off(.editing))
        #expect(t[.delete] == .on)
    }

    /// DOC-04: audited is locked until un-audited.
    @Test func anAuditedDocumentIsLocked() {
        let t = Self.doc(.audited)
        #expect(t[.edit] == .off(.audited) && t[.delete] == .off(.audited) && t[.audit] == .off(.audited))
        #expect(t[.unaudit] == .on && t[.print] == .on)
    }

    /// DOC-08: the lifecycle allows it but the user's rights do not.
    @Test func rightsDisableWhatTheLifecycleAllows() {
        let keeper = Self.doc(.saved, audit: false)
        #expect(keeper[.edit] == .on && keeper[.audit] == .off(.noAuditRight))
        let viewer = Self.doc(.saved, edit: false, audit: false)
        #expect(viewer[.edit] == .off(.noEditRight) && viewer[.delete] == .off(.noEditRight) && viewer[.add] == .off(.noEditRight))
        #expect(Self.doc(.audited, audit: false)[.unaudit] == .off(.noAuditRight))
        // The lifecycle's reason comes first: an audited document is locked for everyone.
        #expect(Self.doc(.audited, edit: false)[.edit] == .off(.audited))
    }

    /// 4.1, 4.2: a transfer's generated pair.
    @Test func generatedDocumentsFollowTheirPair() {
        let inDoc = Self.doc(.saved, direction: .in, generated: true, partner: .saved)
        #expect(inDoc[.edit] == .off(.generatedByTransfer) && inDoc[.delete] == .off(.generatedByTransfer))
        #expect(inDoc[.audit] == .off(.outNotAudited))
        #expect(inDoc[.drill] == .on)
        #expect(Self.doc(.saved, direction: .in, generated: true, partner: .audited)[.audit] == .on)
        #expect(Self.doc(.audited, direction: .out, generated: true, partner: .audited)[.unaudit] == .off(.inAudited))
        #expect(Self.doc(.audited, direction: .out, generated: true, partner: .saved)[.unaudit] == .on)
    }

    @Test func transfers() {
        func t(_ s: DocumentStatus?, editing: Bool = false, out: DocumentStatus? = nil, in i: DocumentStatus? = nil, manage: Bool = true) -> [T.Button: T.State] {
            T.transfer(.init(status: s, editing: editing, outStatus: out, inStatus: i, canAdd: manage, canManage: manage))
        }
        #expect(t(nil, editing: true)[.audit] == .off(.notSavedYet))
        #expect(t(.saved)[.audit] == .on && t(.saved)[.unaudit] == .off(.notAudited) && t(.saved)[.drill] == .off(.nothingGenerated))
        let generated = t(.audited, out: .saved, in: .saved)
        #expect(generated[.unaudit] == .on && generated[.edit] == .off(.audited) && generated[.drill] == .on)
        #expect(t(.audited, out: .audited, in: .saved)[.unaudit] == .off(.generatedAudited))
        #expect(t(.saved, manage: false)[.audit] == .off(.noTransferRight))
        #expect(t(.saved, manage: false)[.add] == .off(.noTransferRight))
    }
}

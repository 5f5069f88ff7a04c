import KefuPlatform

/// Tables of the material books. Quantities are BIGINT thousandths (`Quantity.milli`); dates of documents are
/// `YYYY-MM-DD` text in the organisation's time zone; times are UTC epoch millis.
public enum MaterialsMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        mat001MasterDocumentsLedger,
        mat002LedgerIndexes,
        mat003MasterDataFieldsActive,
        mat004Stocktakes,
        mat005SiteLedger,
        mat006Storage,
        mat007IssueRefusals,
        mat008ItemCodeRequests,
        mat009StocktakeApprovers,
        mat010TransferLineBins,
        mat011Freight,
        mat012ToolLoans,
        mat013DamagedParts,
        mat014MaterialRequests,
        mat015Arrivals,
        mat016CommercialRepairs,
        mat017DemandPlans,
        mat018TicketParts,
        mat019RequestListOrder,
        mat020LossResponsibilities,
    ]
}

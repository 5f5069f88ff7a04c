import KefuPlatform

extension MaterialsMigrations {
    /// #12 STO-03 on a transfer: the bin each line is taken from (out warehouse) and put into (in warehouse), kept
    /// beside the transfer's lines; audit hands them to the generated out and in documents.
    static let mat010TransferLineBins = Migration(id: "mat-010-transfer-line-bins", common: [
        """
        CREATE TABLE transfer_line_bins (
            transfer_id TEXT NOT NULL,
            line_no INTEGER NOT NULL,
            from_bin_id TEXT,
            to_bin_id TEXT,
            PRIMARY KEY (transfer_id, line_no)
        )
        """,
    ])
}

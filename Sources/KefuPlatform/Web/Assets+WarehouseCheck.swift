extension Assets {
    /// MAT-02: the warning on the warehouse pages while a unit lacks a good or a damaged warehouse.
    static let warehouseCheckCSS = """
    .pair-warning { color:var(--warn); background:#fff3e0; border:1px solid #f5c58a; padding:8px 12px; border-radius:6px; margin:8px 0; }
    .pair-warning ul { margin:4px 0; padding-left:20px; }
    """
}

/// #17.1: why a backup, restore, export or import stopped, in Chinese and English (operators read both).
public struct BackupError: Error, CustomStringConvertible, Equatable {
    public let zh: String
    public let en: String

    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    public var description: String { "\(zh)\n\(en)" }
}

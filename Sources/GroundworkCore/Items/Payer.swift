/// Who pays an item (MODEL.md section 4).
public enum Payer: String, Sendable, CaseIterable {
    case city, county
}

/// Which payer's items an envelope counts (MODEL.md section 4.5).
public enum PayerFilter: String, Sendable, CaseIterable {
    case city, county, both

    public func includes(_ payer: Payer) -> Bool {
        switch self {
        case .both: true
        case .city: payer == .city
        case .county: payer == .county
        }
    }
}

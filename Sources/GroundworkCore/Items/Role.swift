/// The three cadre roles of MODEL.md section 4.3, in the order of the portfolio columns.
public enum Role: Int, CaseIterable, Sendable {
    case secretary, director, other

    /// The role's key in `cadres.per_village` and `pay.ratios`.
    public var key: String {
        switch self {
        case .secretary: "secretary"
        case .director: "director"
        case .other: "other"
        }
    }

    /// The role's portfolio column.
    public var portfolioColumn: String {
        switch self {
        case .secretary: "secretaries"
        case .director: "directors"
        case .other: "others"
        }
    }
}

/// One value per cadre role.
public struct RoleValues<Value: Sendable>: Sendable {
    public var secretary: Value
    public var director: Value
    public var other: Value

    public init(secretary: Value, director: Value, other: Value) {
        self.secretary = secretary
        self.director = director
        self.other = other
    }

    // Inlinable: the rate fills read it for every Monte Carlo draw.
    @inlinable
    public subscript(role: Role) -> Value {
        get {
            switch role {
            case .secretary: secretary
            case .director: director
            case .other: other
            }
        }
        set {
            switch role {
            case .secretary: secretary = newValue
            case .director: director = newValue
            case .other: other = newValue
            }
        }
    }
}

extension RoleValues: Equatable where Value: Equatable {}

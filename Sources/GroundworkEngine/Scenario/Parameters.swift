import Foundation
import GroundworkCore
import GroundworkIO

/// How the yearly count of completed venues is given (MODEL.md section 4.1).
public enum VenueRollout: Sendable, Equatable {
    /// Year -> venues completed that year, portfolio-wide.
    case schedule([Int: Int])
    /// Year -> fraction of the total need, apportioned by largest remainders. Exact decimals,
    /// read from the scenario's text, so that the apportionment is exact.
    case shares([Int: Decimal])
    /// Neither given: allowed only when the portfolio needs no venue.
    case none
}

/// `venues:` (MODEL.md section 4.1).
public struct VenueParameters: Sendable {
    public var rollout: VenueRollout = .none
    public var unitCost = YearMap(150_000)
    public var costGrowth = YearMap(0)
    public var paymentProfile: [Double] = [1.0]
    public var upkeepRate = YearMap(0)
    public var annualCap: YearMap? = nil
    /// Who pays both venue items (MODEL.md section 4).
    public var payer = Funding.single(.city)
}

/// `operating_funds:` (MODEL.md section 4.2).
public struct OperatingFundsParameters: Sendable {
    public var perVillage = YearMap(70_000)
    public var growth = YearMap(0)
    /// Defaults to `horizon.start`.
    public var start: Int
    public var payer = Funding.single(.city)
}

/// `pay:` (MODEL.md section 4.3).
public struct PayParameters: Sendable {
    public var start = 2015
    public var secretaryMonthly = 1100.0
    public var adjustEvery = 3
    public var incomeMultiple = 1.0
    public var ratios = RoleValues(secretary: 1.0, director: 0.8, other: 0.7)
    public var basicShare = 0.7
    public var performancePayout = YearMap(1.0)
    public var roundTo = 1.0
    /// Who pays both pay items.
    public var payer = Funding.single(.city)
}

/// `rural_income:` (MODEL.md section 4.3).
public struct RuralIncomeParameters: Sendable {
    public var baseYear = 2014
    public var value: Double
    public var growth = YearMap(0)
    /// Observed incomes that replace the projected ones in the years listed.
    public var values: [Int: Double] = [:]
}

/// `pension.former:` (MODEL.md section 4.4).
public struct FormerCadreParameters: Sendable {
    public var covered = false
    public var turnover = 0.0
    public var exit = 0.0
    public var initialPerVillage = 0.0
}

/// `pension:` (MODEL.md section 4.4).
public struct PensionParameters: Sendable {
    public var perPerson = YearMap(1000)
    public var growth = YearMap(0)
    /// Defaults to `horizon.start`.
    public var start: Int
    public var former = FormerCadreParameters()
    public var payer = Funding.single(.county)
}

/// `envelope:` (MODEL.md section 4.5).
public struct EnvelopeParameters: Sendable {
    /// The amount, rounded to the cent.
    public var amountCents: Int64
    public var from: Int
    public var to: Int
    public var items: Set<LineItem> = Set(LineItem.allCases)
    /// The levels whose payments it counts (v1.1's `both` is `all`).
    public var payer = LevelFilter.all
}

/// A county's own funding of some sections (`funding.counties.COUNTY`, MODEL.md section 4):
/// each replaces the section's `payer:` for that county whole.
public struct CountyFunding: Sendable {
    public var county: String
    /// Where the county's key is written (an unknown county is reported there).
    public var location: SourceLocation
    public var sections: [FundingSection: Funding]
}

/// A year map of exact decimals, read as a step function like `YearMap` (MODEL.md section 3):
/// the rates of `prices:`, whose deflator and discount factor are computed exactly.
public struct ExactYearMap: Sendable, Equatable {
    /// Ascending years and their values; `Int.min` for a plain number.
    public private(set) var entries: [(year: Int, value: ExactDecimal)]

    public init(_ value: ExactDecimal) { entries = [(Int.min, value)] }

    public init(entries: [(year: Int, value: ExactDecimal)]) {
        precondition(!entries.isEmpty, "a year map has at least one entry")
        self.entries = entries.sorted { $0.year < $1.year }
    }

    public func callAsFunction(_ year: Int) -> ExactDecimal {
        var value = entries[0].value
        for entry in entries where entry.year <= year { value = entry.value }
        return value
    }

    public var isConstant: Bool { entries.count == 1 }

    public static func == (lhs: ExactYearMap, rhs: ExactYearMap) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.year == $1.year && $0.value == $1.value }
    }
}

/// `prices:` (MODEL.md section 4.6): the base year and the rates of the deflator and the
/// discount factor, as exact decimals.
public struct PriceParameters: Sendable {
    public var baseYear: Int
    public var inflation = ExactYearMap(.zero)
    public var discountRate = ExactYearMap(.zero)
}

/// `actuals:` (MODEL.md section 9): the outturn file and the last closed year.
public struct ActualsParameters: Sendable {
    /// The file's path, resolved against the scenario file that names it.
    public var file: String
    public var fileLocation: SourceLocation
    public var through: Int
    public var throughLocation: SourceLocation
}

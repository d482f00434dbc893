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
    public var payer: Payer = .city
}

/// `operating_funds:` (MODEL.md section 4.2).
public struct OperatingFundsParameters: Sendable {
    public var perVillage = YearMap(70_000)
    public var growth = YearMap(0)
    /// Defaults to `horizon.start`.
    public var start: Int
    public var payer: Payer = .city
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
    public var payer: Payer = .city
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
    public var payer: Payer = .county
}

/// `envelope:` (MODEL.md section 4.5).
public struct EnvelopeParameters: Sendable {
    /// The amount, rounded to the cent.
    public var amountCents: Int64
    public var from: Int
    public var to: Int
    public var items: Set<LineItem> = Set(LineItem.allCases)
    public var payer: PayerFilter = .both
}

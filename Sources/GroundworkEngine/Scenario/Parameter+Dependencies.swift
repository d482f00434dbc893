import GroundworkCore

/// Which figures each parameter moves (MODEL.md section 4): the line items whose rates it
/// enters, and whether it changes the plan. A sweep computes each item once per combination of
/// the varied parameters that move it, so this table must name every item a parameter can
/// change; the sweep tests compare every grid point with a separate run to hold it to that.
extension Parameter {
    /// The line items whose cells a value of this parameter can change.
    public var affectedItems: [LineItem] {
        let venues: [LineItem] = [.venueConstruction, .venueUpkeep]
        let pay: [LineItem] = [.cadrePayBasic, .cadrePayPerformance]
        switch self {
        case .unitCost, .costGrowth, .annualCap: return venues
        case .upkeepRate: return [.venueUpkeep]
        case .perVillageFunds, .fundsGrowth: return [.operatingFunds]
        case .secretaryMonthly, .incomeMultiple, .ratioSecretary, .ratioDirector, .ratioOther, .basicShare,
            .incomeValue, .incomeGrowth:
            return pay
        case .performancePayout: return [.cadrePayPerformance]
        case .pensionPerPerson, .pensionGrowth, .formerTurnover, .formerExit, .formerInitialPerVillage:
            return [.pensionTopUp]
        case .cadresPerVillageSecretary, .cadresPerVillageDirector, .cadresPerVillageOther:
            return pay + [.pensionTopUp]
        default:
            // The envelope's amount and the price rates move no cell.
            return []
        }
    }

    /// Whether a value of this parameter can change the venue plan of `scenario` (the yearly
    /// completions under the annual cap, MODEL.md section 4.1).
    public func changesPlan(of scenario: Scenario) -> Bool {
        self == .annualCap || (scenario.venues.annualCap != nil && Parameter.venuePrice.contains(self))
    }
}

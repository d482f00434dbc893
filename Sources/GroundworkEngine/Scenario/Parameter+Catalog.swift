import GroundworkCore

/// The parameter catalog: every key of a scenario file below the top level, in the order of
/// MODEL.md section 3 (and of `groundwork explain`). Each dotted path is written here and
/// nowhere else in `Sources/`; everything else refers to these entries.
extension Parameter {
    // MARK: The file

    public static let name = Parameter("name", .custom)
    public static let scenarioDescription = Parameter("description", .custom)
    public static let extends = Parameter("extends", .custom)
    public static let horizonStart = Parameter("horizon.start", .custom)
    public static let horizonEnd = Parameter("horizon.end", .custom)
    public static let portfolio = Parameter("portfolio", .custom)

    // MARK: cadres (section 4.3)

    public static let cadresPerVillageSecretary = Parameter(
        "cadres.per_village.secretary", .number(\.cadresPerVillage.secretary), range: .amount, default: "1",
        uncertain: true)
    public static let cadresPerVillageDirector = Parameter(
        "cadres.per_village.director", .number(\.cadresPerVillage.director), range: .amount, default: "1",
        uncertain: true)
    public static let cadresPerVillageOther = Parameter(
        "cadres.per_village.other", .number(\.cadresPerVillage.other), range: .amount, default: "3",
        uncertain: true)

    // MARK: venues (section 4.1)

    public static let venuesSchedule = Parameter("venues.schedule", .custom)
    public static let venuesShares = Parameter("venues.shares", .custom)
    public static let unitCost = Parameter(
        "venues.unit_cost", .map(\.venues.unitCost), range: .amount, default: "150000", uncertain: true)
    public static let costGrowth = Parameter(
        "venues.cost_growth", .map(\.venues.costGrowth), range: .rate, default: "0", uncertain: true)
    public static let paymentProfile = Parameter("venues.payment_profile", .custom, default: "[1.0]")
    public static let upkeepRate = Parameter(
        "venues.upkeep_rate", .map(\.venues.upkeepRate), range: .rate, default: "0", uncertain: true)
    public static let annualCap = Parameter(
        "venues.annual_cap", .optionalMap(\.venues.annualCap), range: .amount, default: "none", swept: true)
    public static let venuesPayer = Parameter("venues.payer", .custom, default: "city")

    // MARK: operating_funds (section 4.2)

    public static let perVillageFunds = Parameter(
        "operating_funds.per_village", .map(\.operatingFunds.perVillage), range: .amount, default: "70000",
        uncertain: true)
    public static let fundsGrowth = Parameter(
        "operating_funds.growth", .map(\.operatingFunds.growth), range: .rate, default: "0", uncertain: true)
    public static let fundsStart = Parameter(
        "operating_funds.start", .year(\.operatingFunds.start), default: "horizon.start")
    public static let fundsPayer = Parameter("operating_funds.payer", .custom, default: "city")

    // MARK: pay (section 4.3)

    public static let payStart = Parameter("pay.start", .year(\.pay.start), default: "2015")
    public static let secretaryMonthly = Parameter(
        "pay.secretary_monthly", .number(\.pay.secretaryMonthly), range: .amount, default: "1100",
        uncertain: true)
    public static let adjustEvery = Parameter(
        "pay.adjust_every", .integer(\.pay.adjustEvery, 1...Limits.maximumHorizonYears, "a number of years"),
        default: "3")
    public static let incomeMultiple = Parameter(
        "pay.income_multiple", .number(\.pay.incomeMultiple), range: .amount, default: "1.0", uncertain: true)
    public static let ratioSecretary = Parameter(
        "pay.ratios.secretary", .number(\.pay.ratios.secretary), range: .amount, default: "1.0",
        uncertain: true)
    public static let ratioDirector = Parameter(
        "pay.ratios.director", .number(\.pay.ratios.director), range: .amount, default: "0.8", uncertain: true
    )
    public static let ratioOther = Parameter(
        "pay.ratios.other", .number(\.pay.ratios.other), range: .amount, default: "0.7", uncertain: true)
    public static let basicShare = Parameter(
        "pay.basic_share", .number(\.pay.basicShare), range: .share, default: "0.7", uncertain: true)
    public static let performancePayout = Parameter(
        "pay.performance_payout", .map(\.pay.performancePayout), range: .amount, default: "1.0",
        uncertain: true)
    public static let roundTo = Parameter(
        "pay.round_to", .number(\.pay.roundTo), range: .positive, default: "1")
    public static let payPayer = Parameter("pay.payer", .custom, default: "city")

    // MARK: rural_income (section 4.3)

    public static let incomeBaseYear = Parameter(
        "rural_income.base_year", .year(\.ruralIncome.baseYear), default: "2014")
    public static let incomeValue = Parameter(
        "rural_income.value", .number(\.ruralIncome.value), range: .amount, default: "required",
        uncertain: true)
    public static let incomeGrowth = Parameter(
        "rural_income.growth", .map(\.ruralIncome.growth), range: .rate, default: "0", uncertain: true)
    public static let incomeValues = Parameter("rural_income.values", .custom, default: "none")

    // MARK: pension (section 4.4)

    public static let pensionPerPerson = Parameter(
        "pension.per_person", .map(\.pension.perPerson), range: .amount, default: "1000", uncertain: true)
    public static let pensionGrowth = Parameter(
        "pension.growth", .map(\.pension.growth), range: .rate, default: "0", uncertain: true)
    public static let pensionStart = Parameter(
        "pension.start", .year(\.pension.start), default: "horizon.start")
    public static let formerCovered = Parameter(
        "pension.former.covered", .boolean(\.pension.former.covered), default: "false")
    public static let formerTurnover = Parameter(
        "pension.former.turnover", .number(\.pension.former.turnover), range: .share, default: "0",
        uncertain: true)
    public static let formerExit = Parameter(
        "pension.former.exit", .number(\.pension.former.exit), range: .share, default: "0", uncertain: true)
    public static let formerInitialPerVillage = Parameter(
        "pension.former.initial_per_village", .number(\.pension.former.initialPerVillage), range: .amount,
        default: "0", uncertain: true)
    public static let pensionPayer = Parameter("pension.payer", .custom, default: "county")

    // MARK: envelope (section 4.5)

    public static let envelopeAmount = Parameter(
        "envelope.amount", .custom, range: .amount, default: "none", uncertain: true)
    public static let envelopeFrom = Parameter("envelope.from", .custom, default: "horizon.start")
    public static let envelopeTo = Parameter("envelope.to", .custom, default: "horizon.end")
    public static let envelopeItems = Parameter("envelope.items", .custom, default: "all")
    public static let envelopePayer = Parameter("envelope.payer", .custom, default: "all")

    // MARK: funding (section 4)

    public static let fundingCounties = Parameter("funding.counties", .custom, default: "none")

    // MARK: prices (section 4.6)

    public static let pricesBaseYear = Parameter("prices.base_year", .custom, default: "horizon.start")
    public static let inflation = Parameter(
        "prices.inflation", .custom, range: .rateAboveMinusOne, default: "0", swept: true)
    public static let discountRate = Parameter(
        "prices.discount_rate", .custom, range: .rateAboveMinusOne, default: "0", swept: true)

    // MARK: actuals (section 9)

    public static let actualsFile = Parameter("actuals.file", .custom, default: "required")
    public static let actualsThrough = Parameter("actuals.through", .custom, default: "required")

    // MARK: uncertainty (section 7)

    public static let draws = Parameter("uncertainty.draws", .custom, default: "1000")
    public static let seed = Parameter("uncertainty.seed", .custom, default: "0")
    public static let uncertainParameters = Parameter("uncertainty.parameters", .custom, default: "required")

    /// Every entry, in order.
    public static let catalog: [Parameter] = [
        name, scenarioDescription, horizonStart, horizonEnd, portfolio,
        cadresPerVillageSecretary, cadresPerVillageDirector, cadresPerVillageOther,
        venuesSchedule, venuesShares, unitCost, costGrowth, paymentProfile, upkeepRate, annualCap,
        venuesPayer,
        perVillageFunds, fundsGrowth, fundsStart, fundsPayer,
        payStart, secretaryMonthly, adjustEvery, incomeMultiple, ratioSecretary, ratioDirector, ratioOther,
        basicShare, performancePayout, roundTo, payPayer,
        incomeBaseYear, incomeValue, incomeGrowth, incomeValues,
        pensionPerPerson, pensionGrowth, pensionStart, formerCovered, formerTurnover, formerExit,
        formerInitialPerVillage, pensionPayer,
        envelopeAmount, envelopeFrom, envelopeTo, envelopeItems, envelopePayer,
        fundingCounties, pricesBaseYear, inflation, discountRate, actualsFile, actualsThrough,
        draws, seed, uncertainParameters, extends,
    ]

    /// The roles' entries under `cadres.per_village` and `pay.ratios`, by role.
    public static let cadresPerVillage = RoleValues(
        secretary: cadresPerVillageSecretary, director: cadresPerVillageDirector, other: cadresPerVillageOther
    )
    public static let ratios = RoleValues(
        secretary: ratioSecretary, director: ratioDirector, other: ratioOther)

    /// Parameters that change the venue allocation, so that a draw could not keep the plan
    /// (MODEL.md section 7): they may not be uncertain.
    public static let fixedByPlan: [Parameter] = [venuesSchedule, venuesShares, annualCap]

    /// Parameters that, with an annual cap, change the plan: the venue price.
    public static let venuePrice: [Parameter] = [unitCost, costGrowth]

    /// Whether it is a section's `payer:`.
    public var isPayer: Bool { FundingSection.allCases.contains { Parameter.payer(of: $0) == self } }

    /// The `payer:` entry of each section, by section.
    public static func payer(of section: FundingSection) -> Parameter {
        switch section {
        case .venues: venuesPayer
        case .operatingFunds: fundsPayer
        case .pay: payPayer
        case .pension: pensionPayer
        }
    }
}

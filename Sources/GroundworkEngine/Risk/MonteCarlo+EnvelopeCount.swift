import Foundation
import GroundworkCore
import GroundworkIO

/// What the envelope counts of each draw (MODEL.md sections 4.5 and 7).
extension MonteCarlo {
    /// How the envelope counts one item's cells (MODEL.md section 4.5): all of them, none, or
    /// county by county, by each county's shares of the levels it counts.
    struct EnvelopeCount: Sendable {
        enum Kind { case all, none, byCounty }
        var kind: Kind
        /// Per county: the share of the item the counted levels pay.
        var weights: [Double]
        /// Per rate row: the counties' exposures weighted by `weights`.
        var weightedSums: [Double]
        /// The fundings and the filter, for the exact split where every cell of a draw is known.
        var funding: FundingTable
        var filter: LevelFilter
        var item: LineItem

        init(_ item: LineItem, projection: Projection, exposures: Matrix) {
            self.init(
                item, scenario: projection.scenario, funding: projection.plan.funding, exposures: exposures)
        }

        /// - Parameter funding: who pays in each of the counties that `exposures` has rows for.
        init(_ item: LineItem, scenario: Scenario, funding: FundingTable, exposures: Matrix) {
            let counties = exposures.rows
            self.item = item
            self.funding = funding
            guard let envelope = scenario.envelope, envelope.items.contains(item) else {
                kind = .none
                weights = []
                weightedSums = []
                filter = .all
                return
            }
            filter = envelope.payer
            weights = (0..<counties).map { county in
                let shares = funding.funding(county: county, item: item)
                return FundingLevel.allCases.reduce(0.0) { sum, level in
                    envelope.payer.includes(level) ? sum + shares.share(of: level) : sum
                }
            }
            if weights.allSatisfy({ $0 == 1 }) {
                kind = .all
            } else if weights.allSatisfy({ $0 == 0 }) {
                kind = .none
            } else {
                kind = .byCounty
            }
            let weights = weights
            weightedSums = (0..<exposures.columns).map { row in
                (0..<counties).reduce(0.0) { $0 + weights[$1] * exposures[$1, row] }
            }
        }

        /// The counted part of a county's cell, split exactly (MODEL.md section 4).
        @inline(__always)
        func counted(_ cents: Int64, county: Int, parts: inout [Int64]) -> Int64 {
            let share = funding.funding(county: county, item: item)
            if let level = share.soleLevel { return filter.includes(level) ? cents : 0 }
            share.split(cents, into: &parts)
            var sum: Int64 = 0
            for (position, level) in share.payingLevels.enumerated() where filter.includes(level) {
                sum += parts[position]
            }
            return sum
        }
    }
}

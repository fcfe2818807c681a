/// The customers: organization ids and names, Zipf-like in size (organization `i` is the
/// `i`-th largest), about 5% of cases FedRAMP.
struct OrganizationPool {
    let ids: [[UInt8]]
    let names: [[UInt8]]
    let fedramp: [Bool]
    /// Cumulative case share, increasing to 1: organization `i` gets weight 1/(i + 6).
    private let cumulative: [Double]

    /// The usual number of organizations for `caseCount` cases: one per 50 cases, at least 8
    /// and at most 20,000 (what `--customers` defaults to).
    static func defaultCount(caseCount: Int) -> Int { min(20_000, max(8, caseCount / 50)) }

    /// `count` organizations (1...90,000: the ids' numbers are five digits).
    init(count: Int, rng: inout Xoshiro256) {
        var weights: [Double] = []
        weights.reserveCapacity(count)
        var total = 0.0
        for i in 0..<count {
            let w = 1.0 / Double(i + 6)
            weights.append(w)
            total += w
        }
        var running = 0.0
        cumulative = weights.map { w in
            running += w / total
            return running
        }

        // FedRAMP: organizations in a seeded random order until they hold ~5% of the cases.
        var flags = [Bool](repeating: false, count: count)
        var order = Array(0..<count)
        rng.shuffle(&order)
        var share = 0.0
        for i in order where share < 0.05 && weights[i] / total < 0.03 {
            flags[i] = true
            share += weights[i] / total
        }
        fedramp = flags

        let offset = rng.below(90_000)
        var ids: [[UInt8]] = []
        var names: [[UInt8]] = []
        ids.reserveCapacity(count)
        names.reserveCapacity(count)
        for i in 0..<count {
            // 7919 is prime and does not divide 90,000: distinct numbers for distinct i.
            let number = (i * 7919 + offset) % 90_000 + 10_000
            ids.append(Array("ORG-\(number)".utf8))
            let name: String
            if flags[i] {
                name = "\(rng.element(Vocabulary.states)) \(rng.element(Vocabulary.agencies))"
            } else {
                name =
                    "\(rng.element(Vocabulary.companyStems)) \(rng.element(Vocabulary.industries))"
                    + rng.element(Vocabulary.legalSuffixes)
            }
            names.append(Array(name.utf8))
        }
        self.ids = ids
        self.names = names
    }

    /// An organization index, big organizations more often.
    func pick(_ rng: inout Xoshiro256) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

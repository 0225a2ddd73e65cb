/// The `faults:` section of `estate.yaml`: the mean time between seeded faults of each kind.
extension EstateConfig {
    static func faultSettings(_ node: Yams.Node, reader: YAMLReader) throws(ConfigError) -> FaultSettings {
        var settings = FaultSettings()
        let kinds = FaultSettings.Kind.allCases.map(\.rawValue)
        for (key, _, value) in try reader.mapping(node, what: "faults", allowed: kinds) {
            guard let kind = FaultSettings.Kind(rawValue: key) else { continue }
            let mean = try reader.duration(value, what: key)
            guard mean >= .minutes(1) else { throw reader.fail(value, "\(key) must be at least 1m between faults, not \(mean)") }
            settings.meanInterval[kind] = mean
        }
        return settings
    }
}

import Yams

import Domain
import Foundation

extension Network {
    /// The zone its meetings' local times are in. Chile's default zone (America/Santiago) moves
    /// its clocks twice a year, but Magallanes stays on UTC−3 all year (America/Punta_Arenas),
    /// and so does Aysén since 2025 (America/Coyhaique, tzdata 2025b): a network whose region is
    /// one of them gets its own zone, so a July meeting at 15:00 in Punta Arenas is exported at
    /// 15:00−03:00, not one hour off. Any other zone given (`--tz`) is kept as it is.
    public func zone(default given: TimeZone) -> TimeZone {
        guard given.identifier == "America/Santiago", let region,
              let own = Self.regionZones[region], let zone = TimeZone(identifier: own) else { return given }
        return zone
    }

    static let regionZones = ["Magallanes": "America/Punta_Arenas", "Aysén": "America/Coyhaique"]
}

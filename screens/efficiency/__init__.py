"""The efficiency screen (key 8): throughput, cycle and lead time, cumulative flow, aging, bugs, and
the forecast of the current iteration."""

from cockpit.screens.efficiency.screen import EfficiencyScreen

__all__ = ["EfficiencyScreen"]

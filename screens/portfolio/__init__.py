"""The portfolio (ctrl+o): every project under its campaign, with its figures; enter switches."""

from cockpit.screens.portfolio.screen import PortfolioScreen

__all__ = ["PortfolioScreen"]

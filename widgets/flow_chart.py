"""One chart of the efficiency screen, drawn by plotext (through textual-plotext) from plain data.

The screen hands it a ``ChartSpec``; the widget knows nothing of cards or the store.  plotext's
output is turned into text from its ANSI colours (never read as markup), so stage names and labels
are shown as they are.
"""

from dataclasses import dataclass, field
from typing import Literal

from textual_plotext import PlotextPlot

ChartKind = Literal["bar", "multibar", "stacked", "lines", "scatter"]


@dataclass(frozen=True)
class ChartSpec:
    title: str
    kind: ChartKind
    #: The x labels (bars, lines) or numbers (scatter).
    x: list = field(default_factory=list)
    #: (name, values) per series, each as long as ``x``.
    series: list[tuple[str, list[float]]] = field(default_factory=list)
    xlabel: str = ""
    ylabel: str = ""
    #: A horizontal reference line (the 85th percentile on the aging chart) and its name.
    hline: float | None = None
    hline_label: str = ""
    #: Shown instead of the chart when there is nothing to draw.
    empty: str = "nothing to show in this period"

    @property
    def has_data(self) -> bool:
        return bool(self.x) and any(any(v for v in values) for _name, values in self.series)


class FlowChart(PlotextPlot):
    DEFAULT_CSS = """
    FlowChart { height: 1fr; width: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spec: ChartSpec | None = None

    def show(self, spec: ChartSpec) -> None:
        self.spec = spec
        plt = self.plt
        plt.clear_figure()
        plt.title(spec.title)
        if not spec.has_data:
            plt.title(f"{spec.title}: {spec.empty}")
            self.refresh()
            return
        names = [name for name, _values in spec.series]
        values = [list(v) for _name, v in spec.series]
        if spec.kind == "bar":
            plt.bar(spec.x, values[0], label=names[0], width=0.6)
        elif spec.kind == "multibar":
            plt.multiple_bar(spec.x, values, labels=names)
        elif spec.kind == "stacked":
            plt.stacked_bar(spec.x, values, labels=names)
        elif spec.kind == "lines":
            positions = list(range(1, len(spec.x) + 1))
            for name, series in zip(names, values):
                plt.plot(positions, series, label=name, marker="braille")
            plt.xticks(positions, spec.x)
        elif spec.kind == "scatter":
            for name, series in zip(names, values):
                plt.scatter(spec.x, series, label=name)
        if spec.hline is not None:
            plt.hline(spec.hline, "red")
            if spec.hline_label:
                plt.title(f"{spec.title} · {spec.hline_label}")
        plt.xlabel(spec.xlabel)
        plt.ylabel(spec.ylabel)
        self.refresh()

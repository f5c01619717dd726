"""The board's keys: the board screen binds them, and its first paint shows them (greyed) in the footer
while the store comes up."""

from textual.binding import Binding

BOARD_BINDINGS: list[Binding] = [
    Binding("shift+left,H", "move(-1)", "◀ Move", id="board.move_prev",
            tooltip="Move the card to the previous stage (gate check)"),
    Binding("shift+right,L", "move(1)", "Move ▶", id="board.move_next",
            tooltip="Move the card to the next stage (gate check)"),
    Binding("shift+up,K", "reorder(-1)", "Up in column", id="board.reorder_up", show=False,
            tooltip="Move the card one place up in its column"),
    Binding("shift+down,J", "reorder(1)", "Down in column", id="board.reorder_down", show=False,
            tooltip="Move the card one place down in its column"),
    Binding("n", "new", "New", id="board.new", tooltip="New card in the focused column"),
    Binding("e,enter", "edit", "Edit", id="board.edit", tooltip="Edit the card"),
    Binding("x", "delete", "Delete", id="board.delete", tooltip="Delete the card (asks first; u undoes)"),
    Binding("b", "block", "Block", id="board.block", tooltip="Block the card with a reason, or unblock it"),
    Binding("a", "activity", "Activity", id="board.activity", show=False,
            tooltip="The card's activity: moves, edits, blocks with reasons, gate overrides, meetings"),
    Binding("s", "lanes", "Lanes", id="board.lanes", tooltip="Swimlanes by owner / iteration / none"),
    Binding("i", "iterations", "Iterations", id="board.iterations",
            tooltip="All iterations, or the current one plus unfinished earlier work"),
    Binding("I", "iteration_list", "Iteration list", id="board.iteration_list", show=False,
            tooltip="The project's iterations: capacity, close or reopen"),
    Binding("slash", "filter", "Filter", id="board.filter",
            tooltip="Filter by text, @owner, #iteration, is:blocked"),
    Binding("escape", "clear_filter", "Clear filter", id="board.clear_filter", show=False,
            tooltip="Show every card"),
    Binding("f", "forecast", "Forecast", id="board.forecast", show=False,
            tooltip="When will the cards shown be done (Monte Carlo over recent throughput)"),
]

"""StopScreen: asks before StopTrainingJob, naming the job; answers True to stop."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class StopScreen(ModalScreen[bool]):
    """Confirm stopping one InProgress job (y / n, or the buttons)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Stop the job", priority=True),
        Binding("n,escape", "answer(False)", "Keep it running", priority=True),
    ]

    def __init__(self, job_name: str) -> None:
        super().__init__()
        self.job_name = job_name

    def compose(self):
        with Vertical(id="stop-box"):
            yield Static(f"Stop the training job\n[b]{self.job_name}[/b]?", id="stop-question")
            yield Static("SageMaker will stop it (and bill until it has stopped). This cannot be undone.",
                         id="stop-warning")
            with Horizontal(id="stop-buttons"):
                yield Button("Stop job (y)", variant="error", id="stop-yes")
                yield Button("Cancel (n)", variant="primary", id="stop-no")

    def on_mount(self) -> None:
        self.query_one("#stop-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop-yes")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)

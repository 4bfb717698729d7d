"""The package's one exception."""

from __future__ import annotations

from typing import Any


class NWBKitError(Exception):
    """The tool could not do what was asked of every input.

    ``messages`` holds the tool's one-line messages (one per input that failed, each naming it),
    ``status`` its exit status (1: some inputs failed, 2: the options or a rules file cannot be used), and
    ``partial`` what was made of the other inputs (the summaries read, for example), or ``None``.
    """

    def __init__(self, messages: list[str], status: int, partial: Any = None) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
        self.status = status
        self.partial = partial

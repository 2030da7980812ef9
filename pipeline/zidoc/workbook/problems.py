"""Problems found in a workbook: collected all at once, never raised one by one."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

_CELL = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR or WARNING
    message: str
    sheet: str | None = None
    cell: str | None = None  # "C4"; None when a whole sheet or column is at fault

    @property
    def place(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def sort_key(self) -> tuple:
        row, col = 0, ""
        match = _CELL.match(self.cell or "")
        if match:
            col, row = match.group(1), int(match.group(2))
        return (self.sheet or "", row, len(col), col, self.message)

    def __str__(self) -> str:
        label = "" if self.severity == ERROR else "peringatan: "
        return f"{self.place}: {label}{self.message}" if self.place else f"{label}{self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.items.append(Problem(ERROR, message, sheet, cell))

    def warning(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.items.append(Problem(WARNING, message, sheet, cell))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=Problem.sort_key)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.sorted())

"""The evidence folder as names and sizes: one walk of bukti/<tahun>/, nothing opened.

Symbolic links (and Windows junctions) are recorded, never walked into: `refs` decides per
reference whether one may be followed (inside the folder: once; outside or a loop: refused).
Deeper than MAX_DEPTH folders is not read (a note says where)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MAX_DEPTH = 30
README_NAME = "BACA-SAYA.txt"  # written by `zidoc init`: zidoc's own, never evidence
# Files the system or an editor leaves beside the user's: never evidence.
IGNORED = {"thumbs.db", "desktop.ini", ".ds_store"}
IGNORED_PREFIXES = ("~$", ".")

FILE, DIR, LINK = "file", "dir", "link"


@dataclass
class Tree:
    """What is under `root`: relative paths with '/' (the root itself is '')."""

    root: Path
    real_root: str = ""  # os.path.realpath(root): links are judged against it
    exists: bool = False
    files: dict[str, int] = field(default_factory=dict)  # path -> size in bytes
    dirs: set[str] = field(default_factory=set)
    children: dict[str, dict[str, str]] = field(default_factory=dict)  # dir -> name -> kind
    notes: list[str] = field(default_factory=list)  # folders not read, and why

    def kind(self, path: str) -> str | None:
        parent, _, name = path.rpartition("/")
        return self.children.get(parent, {}).get(name)


def join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def ignored(name: str, parent: str) -> bool:
    return (name.lower() in IGNORED or name.startswith(IGNORED_PREFIXES)
            or (parent == "" and name == README_NAME))


def _is_link(entry: os.DirEntry) -> bool:
    """A symbolic link, or a Windows junction (a reparse point os.scandir shows as a folder)."""
    if entry.is_symlink():
        return True
    junction = getattr(entry, "is_junction", None)  # Python 3.12+
    if junction is not None:
        return junction()
    attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & 0x400)  # FILE_ATTRIBUTE_REPARSE_POINT (Windows, Python < 3.12)


def scan(root: Path) -> Tree:
    """Walk `root` once (os.scandir: names, kinds and sizes; no file is opened)."""
    tree = Tree(root)
    if not root.is_dir():
        return tree
    tree.exists = True
    tree.real_root = os.path.realpath(root)
    tree.dirs.add("")
    stack = [("", 0)]
    while stack:
        rel, depth = stack.pop()
        kids: dict[str, str] = {}
        tree.children[rel] = kids
        try:
            entries = list(os.scandir(root / rel if rel else root))
        except OSError as exc:
            from zidoc.fs.files import os_reason

            tree.notes.append(f"folder {rel or '.'} tidak dapat dibaca ({os_reason(exc)}).")
            continue
        for entry in entries:
            name = entry.name
            if ignored(name, rel):
                continue
            path = join(rel, name)
            try:
                if _is_link(entry):
                    kids[name] = LINK
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 > MAX_DEPTH:
                        tree.notes.append(f"folder {path} lebih dalam dari {MAX_DEPTH} tingkat; "
                                          "isinya tidak dibaca.")
                        continue
                    kids[name] = DIR
                    tree.dirs.add(path)
                    stack.append((path, depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    kids[name] = FILE
                    tree.files[path] = entry.stat(follow_symlinks=False).st_size
            except OSError:  # vanished while listing, or unreadable: not evidence
                kids.pop(name, None)
    return tree

"""Private files and directories, and refusing what another local user could change.

Templates are code, the config says where mail goes and the database says
what was sent: if another user on the machine can write one of them (or the
directory holding it), or owns it, they can act as you. So, as OpenSSH does
for `~/.ssh`, each such file and its own directory must belong to you (or
root) and be writable by nobody else; a world-writable directory is only
accepted with the sticky bit (`/tmp`), where others cannot replace your
files. Directories are created 0700 whatever the umask (the XDG base
directory specification asks for exactly that).

Each check is a few `stat` calls, cheap enough for `list` at every start.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and its missing parents, each 0700 whatever the umask.

    Directories that already exist are left exactly as they are; one created
    by a concurrent process at the same moment is accepted.
    """
    missing: list[Path] = []
    current = directory
    while not _lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask


def _lexists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    return True


def _owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def _trusted_owner(uid: int) -> bool:
    return uid in (os.geteuid(), 0)


def _owned_by_another(what: str, path: Path, uid: int) -> str:
    return (
        f"{what} {path} is owned by another user ({_owner_name(uid)}), who could change it: "
        f"use one of your own, or take it over with `sudo chown {_owner_name(os.geteuid())} "
        f"{path}`."
    )


def _writable_by_others(what: str, path: Path, mode: int) -> str:
    return (
        f"{what} {path} is writable by other users (mode {stat.S_IMODE(mode):04o}), who could "
        f"change it: run `chmod go-w {path}`."
    )


def _entry_problem(what: str, path: Path, info: os.stat_result) -> str | None:
    if not _trusted_owner(info.st_uid):
        return _owned_by_another(what, path, info.st_uid)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        if stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_ISVTX:
            return None  # like /tmp: others may add names, never replace yours
        return _writable_by_others(what, path, info.st_mode)
    return None


def _stat(path: Path, *, follow: bool = True) -> os.stat_result | None:
    try:
        return os.stat(path) if follow else os.lstat(path)
    except OSError:  # missing, or unusable (a loop, a name too long): opening it will say so
        return None


def directory_problem(directory: Path, what: str) -> str | None:
    """A sentence when another user owns or can write `directory`, else None."""
    info = _stat(directory)
    if info is None:
        return None
    return _entry_problem(what, directory, info)


def file_problem(path: Path, what: str, directory_what: str) -> str | None:
    """A sentence when another user owns or can write `path` or the directory
    holding it (both the link and its target when `path` is a symbolic link)."""
    problem = directory_problem(path.parent, directory_what)
    if problem:
        return problem
    link = _stat(path, follow=False)
    if link is None:
        return None
    if stat.S_ISLNK(link.st_mode):
        if not _trusted_owner(link.st_uid):
            return _owned_by_another(f"{what} (a symbolic link)", path, link.st_uid)
        target = Path(os.path.realpath(path))
        problem = directory_problem(target.parent, directory_what)
        if problem:
            return problem
        info = _stat(target)
        return None if info is None else _entry_problem(what, target, info)
    return _entry_problem(what, path, link)


def dangling_link_problem(path: Path, what: str) -> str | None:
    """A sentence when `path` is a symbolic link to nothing: following it
    would create a file somewhere else, with whatever mode the umask gives."""
    link = _stat(path, follow=False)
    if link is None or not stat.S_ISLNK(link.st_mode) or _stat(path) is not None:
        return None
    return (
        f"{what} {path} is a symbolic link to {os.readlink(path)}, which does not exist: "
        "point the link at an existing file or remove it."
    )

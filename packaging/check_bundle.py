"""Check what a built bundle or installed tree contains before it ships.

    python packaging/check_bundle.py dist/bouncedesk
    python packaging/check_bundle.py ROOT/opt/bouncedesk --depends "$(dpkg-deb -f X.deb Depends)"

Fails on: test files or folders, a virtualenv, VCS folders, our source tree's fixtures, anything
that looks like a secret (private keys, .env/.netrc/.pypirc, keyring files, user databases),
missing bundled resources (rules, compiled translations, icons). With --depends (Linux): every
shared library the bundle needs that it does not carry itself must come from a package named in
Depends (resolved with ldd and dpkg -S on this machine), so `apt install ./bouncedesk_*.deb`
pulls in everything the app loads.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

TEST_DIRS = {"tests", "test", "testing_fixtures", "fixtures", ".pytest_cache", ".hypothesis"}
BAD_DIRS = {".venv", "venv", ".git", ".hg", ".svn", ".tox", ".nox", ".ruff_cache", "site-packages"}
TEST_FILES = re.compile(r"^(test_.*\.py[c]?|.*_test\.py[c]?|conftest\.py[c]?|pytest\.ini|tox\.ini|.*\.eml)$")
SECRET_FILES = re.compile(
    r"^(\.env(\..*)?|\.netrc|\.pypirc|\.npmrc|id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx|jks|keystore)"
    r"|keyringrc\.cfg|keyring_pass\.cfg|crypted_pass\.cfg|.*\.sqlite3?|.*\.db|credentials(\.json)?|token(s)?\.json)$",
    re.IGNORECASE,
)
SECRET_TEXT = re.compile(rb"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----|AKIA[0-9A-Z]{16}")
REQUIRED = ["resources/rules/reasons.json", "resources/translations/bouncedesk_de.qm", "resources/icons/bouncedesk.svg"]
# Libraries only an optional plugin needs: Qt falls back without them (the GTK platform theme).
OPTIONAL_USERS = ("libqgtk3",)


def find_internal(root: Path) -> Path:
    """PyInstaller 6 keeps everything but the executable in _internal (on macOS: Contents/Frameworks)."""
    for cand in (root / "_internal", root / "Contents" / "Frameworks", root):
        if (cand / "resources").is_dir():
            return cand
    return root


def _secret_inside(path: Path) -> bool:
    """A key in a text file (binaries carry the PEM markers as parser literals, so they are skipped)."""
    data = path.read_bytes()
    return b"\0" not in data[:8192] and SECRET_TEXT.search(data) is not None


def content_problems(root: Path) -> list[str]:
    problems = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        for d in dirnames:
            if d in TEST_DIRS or d in BAD_DIRS:
                problems.append(f"folder {rel / d} should not ship")
        for name in filenames:
            path = Path(dirpath) / name
            if TEST_FILES.match(name):
                problems.append(f"test file {rel / name}")
            if SECRET_FILES.match(name):
                problems.append(f"possible secret {rel / name}")
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 2_000_000 and _secret_inside(path):
                problems.append(f"private key or access key inside {rel / name}")
    internal = find_internal(root)
    for req in REQUIRED:
        if not (internal / req).is_file():
            problems.append(f"missing {req}")
    return problems


def system_libraries(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(library path outside the bundle -> users, unresolved soname -> users) over every ELF file."""
    internal = find_internal(root)
    libdirs = {str(p.parent) for p in internal.rglob("*.so*")}
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(sorted(libdirs)))
    outside: dict[str, set[str]] = {}
    missing: dict[str, set[str]] = {}
    bundled = {p.name for p in root.rglob("*.so*")}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True).stdout
        user = path.name
        for line in out.splitlines():
            m = re.match(r"\s*(\S+) => (not found|(\S+))", line)
            if not m:
                continue
            soname, target = m.group(1), m.group(3)
            if target is None:
                if soname not in bundled:
                    missing.setdefault(soname, set()).add(user)
            elif not target.startswith(str(root)) and soname not in bundled:
                outside.setdefault(target, set()).add(user)
    return outside, missing


def package_of(lib: str) -> str | None:
    real = os.path.realpath(lib)
    for cand in dict.fromkeys([lib, real, lib.replace("/lib/", "/usr/lib/", 1), real.replace("/lib/", "/usr/lib/", 1)]):
        out = subprocess.run(["dpkg", "-S", cand], capture_output=True, text=True)
        if out.returncode == 0:
            return out.stdout.split(":", 1)[0].strip()
    return None


def debian_name(soname: str) -> str:
    """Debian's library package name for a soname: libxcb-icccm.so.4 -> libxcb-icccm4."""
    base, _, ver = soname.partition(".so.")
    ver = ver.split(".")[0]
    return f"{base}{'-' if base[-1:].isdigit() else ''}{ver}".lower()


def depends_problems(root: Path, depends: str) -> tuple[list[str], list[str]]:
    declared = {re.split(r"[\s(:]", alt.strip())[0] for part in depends.split(",") for alt in part.split("|")}
    outside, missing = system_libraries(root)
    problems, notes = [], []
    for lib, users in sorted(outside.items()):
        pkg = package_of(lib)
        optional = all(u.startswith(OPTIONAL_USERS) for u in users)
        if pkg is None:
            notes.append(f"{lib}: no package owns it (needed by {', '.join(sorted(users))[:80]})")
        elif pkg.split(":")[0] not in declared and not optional:
            problems.append(f"{lib} comes from {pkg}, which Depends does not name (needed by {sorted(users)[0]})")
        else:
            notes.append(f"{lib} <- {pkg}{' (optional plugin)' if optional else ''}")
    for soname, users in sorted(missing.items()):
        optional = all(u.startswith(OPTIONAL_USERS) for u in users)
        if optional:
            notes.append(f"{soname}: not installed here, only an optional plugin needs it")
        elif debian_name(soname) not in declared:
            problems.append(f"{soname} is not installed here and {debian_name(soname)} is not in Depends")
        else:
            notes.append(f"{soname}: not installed here, declared as {debian_name(soname)}")
    return problems, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="the bundle folder (dist/bouncedesk, .../opt/bouncedesk, X.app)")
    ap.add_argument("--depends", help="the .deb's Depends field: check it covers every system library")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"check_bundle: no such folder {args.root}", file=sys.stderr)
        return 2
    problems = content_problems(args.root)
    files = [p for p in args.root.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"bundle {args.root}: {len(files)} files, {size / 1048576:.0f} MB unpacked")
    if args.depends is not None:
        dep_problems, notes = depends_problems(args.root, args.depends)
        problems += dep_problems
        if args.verbose:
            for n in notes:
                print(f"  {n}")
        print(f"system libraries: {len(notes)} covered, {len(dep_problems)} not declared")
    for p in problems:
        print(f"FAIL {p}")
    if not problems:
        print("bundle check: no test files, no virtualenv, no secrets, resources present")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

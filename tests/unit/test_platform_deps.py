"""The run set-up cannot silently depend on what happens to be installed.

Every system library that Qt's platform plugins in the PySide6 wheel link (`ldd`: xcb, wayland,
offscreen, and the GL / shell integrations they load) must come from a Debian package that
`make run` installs: one named in the Makefile's RUN_DEBS, one apt pulls in with them (Depends /
Pre-Depends), or one of the base system every Debian has (the Essential packages and apt). Libraries
shipped inside the wheel are fine. A library missing here fails too: nothing would install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None,
    reason="Debian packages only exist on Debian-like systems",
)

# The plugins a window needs: the three platforms, plus what xcb and wayland load next to them.
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/*.so",
    "wayland-shell-integration/libxdg-shell.so",
    "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
)


def makefile_list(name: str) -> list[str]:
    """A `NAME := a b \\` list from the Makefile (continuation lines and $(OTHER) references resolved)."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    m = re.search(rf"^{name}\s*:?=(.*)$", text, re.M)
    assert m, f"{name} is not defined in the Makefile"
    out: list[str] = []
    for word in m.group(1).split("#")[0].split():
        ref = re.fullmatch(r"\$\((\w+)\)", word)
        out.extend(makefile_list(ref.group(1)) if ref else [word])
    return out


def qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent


def installed_packages() -> dict[str, dict[str, str]]:
    fmt = "${Package}\\t${Status}\\t${Essential}\\t${Provides}\\t${Pre-Depends}\\t${Depends}\\n"
    out = subprocess.run(["dpkg-query", "-W", "-f", fmt], capture_output=True, text=True, check=True).stdout
    pkgs = {}
    for line in out.splitlines():
        name, status, essential, provides, predeps, deps = (line.split("\t") + [""] * 6)[:6]
        if status.endswith(" installed"):
            pkgs[name] = {"essential": essential, "provides": provides, "depends": predeps + "," + deps}
    return pkgs


def closure(roots: list[str], pkgs: dict[str, dict[str, str]]) -> set[str]:
    """The installed packages apt keeps for `roots`: their Depends and Pre-Depends, transitively
    (every installed alternative of an `a | b`, providers of virtual packages)."""
    providers: dict[str, set[str]] = {}
    for name, info in pkgs.items():
        for prov in info["provides"].split(","):
            if prov.strip():
                providers.setdefault(re.split(r"[\s(:]", prov.strip())[0], set()).add(name)
    seen: set[str] = set()
    todo = [r for r in roots if r in pkgs]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for alt in re.split(r"[,|]", pkgs[name]["depends"]):
            dep = re.split(r"[\s(:]", alt.strip())[0]
            for cand in ({dep} if dep in pkgs else set()) | providers.get(dep, set()):
                if cand not in seen:
                    todo.append(cand)
    return seen


def owners(paths: set[str]) -> dict[str, str]:
    """path → owning Debian package, in one `dpkg -S` call. With merged /usr the database may name
    /lib or /usr/lib, so every spelling of a path is asked for."""
    spellings: dict[str, str] = {}
    for path in paths:
        for c in (path, os.path.realpath(path)):
            spellings.setdefault(c, path)
            spellings.setdefault(c.replace("/usr/lib/", "/lib/", 1) if c.startswith("/usr/") else "/usr" + c, path)
    out = subprocess.run(["dpkg", "-S", *spellings], capture_output=True, text=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        pkg, _, file = line.partition(": ")
        if file in spellings:
            found.setdefault(spellings[file], pkg.split(",")[0].split(":")[0].strip())
    return found


def linked_libraries(plugin: Path) -> dict[str, str | None]:
    """soname → resolved path (None: not found) for everything `ldd` says the plugin loads."""
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    libs: dict[str, str | None] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (not found|(/\S+))", line)
        if m:
            libs[m.group(1)] = m.group(3)
    return libs


def test_run_debs_cover_every_library_the_qt_platform_plugins_link():
    plugins_dir = qt_dir() / "Qt" / "plugins"
    plugins = [p for pattern in PLUGINS for p in sorted(plugins_dir.glob(pattern))]
    assert any(p.name == "libqxcb.so" for p in plugins), f"no xcb platform plugin in {plugins_dir}"
    run_debs = makefile_list("RUN_DEBS")
    pkgs = installed_packages()
    base = closure([n for n, i in pkgs.items() if i["essential"] == "yes"] + ["apt"], pkgs)
    allowed = closure(run_debs, pkgs) | base
    wheel = str(qt_dir().parent)  # PySide6/, shiboken6/ and the other wheels' folders
    problems: list[str] = []
    linked = {plugin: linked_libraries(plugin) for plugin in plugins}
    paths = {path for libs in linked.values() for path in libs.values() if path}
    owner = owners({p for p in paths if not os.path.realpath(p).startswith(wheel)})
    for plugin, libs in linked.items():
        for soname, path in libs.items():
            if path is None:
                problems.append(f"{plugin.name} needs {soname}, which is not installed here (add its package to RUN_DEBS)")
            elif os.path.realpath(path).startswith(wheel):
                continue  # shipped inside the wheel
            elif path not in owner:
                problems.append(f"{plugin.name} needs {path}, which no Debian package owns")
            elif owner[path] not in allowed:
                problems.append(f"{plugin.name} needs {soname} from {owner[path]}, which `make run` does not install")
    not_installed = [p for p in run_debs if p not in pkgs]
    assert not problems, "\n".join(sorted(set(problems)) + [f"(RUN_DEBS not installed here: {not_installed})"])
    # Every package the plugins need directly is named, so the list says what it is for.
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"} <= set(run_debs)


def test_makefile_lists_are_one_list():
    """`make test` installs what `make run` does (plus its own), so tests see the user's set-up."""
    assert set(makefile_list("RUN_DEBS")) <= set(makefile_list("TEST_DEBS"))
    assert {"xvfb", "xdotool"} <= set(makefile_list("TEST_DEBS"))

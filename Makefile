# The two commands a new user needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One venv, two install stamps: `make run` installs the app and its own dependencies only;
# `make test` adds the test extras (pytest, ruff, keyrings.alt, ...) on top.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run run-deps test venv lint bench system-deps bench-deps clean translations translations-update self-test package package-test package-deps

define make_venv
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
endef

$(RUN_STAMP): pyproject.toml
	$(make_venv)
	$(BIN)/python -m pip install -q -e .
	touch $@

# The test extras include everything the app needs, so the run stamp is fresh as well.
$(TEST_STAMP): pyproject.toml
	$(make_venv)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(RUN_STAMP)

venv: $(RUN_STAMP)

# Debian packages the app needs to show a window: what the Qt platform plugins in the PySide6 wheel
# (xcb for X11, wayland, offscreen) and their GL integrations link, plus a font. Qt's own error
# names only libxcb-cursor0; tests/unit/test_platform_deps.py checks this list against `ldd`.
RUN_DEBS := libegl1 libgl1 libglx0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 \
	libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 \
	libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 \
	libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 \
	libwayland-client0 libwayland-cursor0 libwayland-egl1 fonts-dejavu-core
# What the tests need on top: a real Dovecot, and a real X server (with xdotool) for the journey test.
TEST_DEBS := $(RUN_DEBS) dovecot-imapd xvfb xdotool
# The Sisimai peer is needed by the benchmarks only (bench-deps).
BENCH_DEBS := libsisimai-perl

# Installs the Debian packages in $(1) that are missing: as root with apt-get; otherwise prints the
# exact command to run.
define apt_install
	@missing=""; \
	if command -v dpkg-query >/dev/null; then \
	  for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "not a Debian system: make sure the equivalents of these Debian packages are installed: $(strip $(1))"; \
	elif [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "missing Debian packages; please run:  sudo apt-get install$$missing"; \
	fi
endef

run-deps:
	$(call apt_install,$(RUN_DEBS))

system-deps:
	$(call apt_install,$(TEST_DEBS))

bench-deps:
	$(call apt_install,$(BENCH_DEBS))

# The GUI's translations: .ts sources (committed) compiled to .qm with lrelease from the PySide6 wheel.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI texts: refresh the .ts files (then translate the new entries, e.g. in Qt Linguist).
translations-update: $(TEST_STAMP)
	$(BIN)/python tools/update_translations.py

run: $(RUN_STAMP) run-deps translations
	@echo "BounceDesk is installed in $(VENV): run it as $(BIN)/bouncedesk, or after '. $(BIN)/activate' as bouncedesk"
	@[ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || echo "no DISPLAY or WAYLAND_DISPLAY: BounceDesk needs a desktop session (without one: make self-test)"
	$(BIN)/bouncedesk --demo

# The whole GUI on the demo data, acted on through the UI, one PNG per view (offscreen is fine).
self-test: $(RUN_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/bouncedesk --self-test --screenshots out/self-test

test: $(TEST_STAMP) system-deps translations
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

bench: $(TEST_STAMP) system-deps bench-deps
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/imap_sync.py

# Installers (packaging/): `make package` builds the PyInstaller bundle, the .deb and the .tar.gz in
# dist/; `make package-test` then installs the .deb into a temp dir and checks it (packaging/linux/).
BUILD_STAMP := $(VENV)/.installed-build
PKG_DEBS := binutils desktop-file-utils appstream nsis

$(BUILD_STAMP): $(TEST_STAMP)
	$(BIN)/python -m pip install -q -e '.[test,build]'
	touch $(BUILD_STAMP)

package-deps:
	$(call apt_install,$(PKG_DEBS) $(RUN_DEBS))

package: $(BUILD_STAMP) package-deps
	packaging/linux/build.sh

package-test: package
	packaging/linux/package_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info

# The two commands a new user needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv lint bench system-deps bench-deps clean translations translations-update self-test package package-test package-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the tests need (a real Dovecot; the libraries Qt loads offscreen), installed only as
# root and only when missing. The Sisimai peer is needed by the benchmarks only (bench-deps).
TEST_DEBS := dovecot-imapd libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
BENCH_DEBS := libsisimai-perl

define apt_install
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	else echo "not root or no apt-get: please install $(1)"; fi
endef

system-deps:
	$(call apt_install,$(TEST_DEBS))

bench-deps:
	$(call apt_install,$(BENCH_DEBS))

# The GUI's translations: .ts sources (committed) compiled to .qm with lrelease from the PySide6 wheel.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI texts: refresh the .ts files (then translate the new entries, e.g. in Qt Linguist).
translations-update: $(STAMP)
	$(BIN)/python tools/update_translations.py

run: $(STAMP) translations
	$(BIN)/bouncedesk --demo

# The whole GUI on the demo data, acted on through the UI, one PNG per view (offscreen is fine).
self-test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/bouncedesk --self-test --screenshots out/self-test

test: $(STAMP) system-deps translations
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) system-deps bench-deps
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/imap_sync.py

# Installers (packaging/): `make package` builds the PyInstaller bundle, the .deb and the .tar.gz in
# dist/; `make package-test` then installs the .deb into a temp dir and checks it (packaging/linux/).
BUILD_STAMP := $(VENV)/.installed-build
PKG_DEBS := binutils desktop-file-utils appstream nsis

$(BUILD_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,build]'
	touch $(BUILD_STAMP)

package-deps:
	$(call apt_install,$(PKG_DEBS) $(filter-out dovecot-imapd,$(TEST_DEBS)))

package: $(BUILD_STAMP) package-deps
	packaging/linux/build.sh

package-test: package
	packaging/linux/package_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info

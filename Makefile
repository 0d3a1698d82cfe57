# docket: the whole set-up on a fresh machine is `make serve` (edit and read) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Stamps of what `make test-deps` installed (git-ignored); delete one to reinstall that part.
TOOLS := tests/.tools
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600

.PHONY: serve site check test test-deps clean screenshots

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(BIN)/.installed
	$(BIN)/python build.py serve --port $(PORT)

site: $(BIN)/.installed
	$(BIN)/python build.py build

check: $(BIN)/.installed
	$(BIN)/python build.py check

# What the tests need beyond the runtime: Debian's Chromium, a Java runtime (for the Nu Html
# Checker) and npm when missing, the pinned Python test packages, and the pinned npm tools in tests/package-lock.json.
# No browser is downloaded: Playwright drives /usr/bin/chromium (never `playwright install`).
test-deps: $(TOOLS)/debian.stamp $(BIN)/.installed-test tests/node_modules/.installed

$(TOOLS)/debian.stamp:
	@missing=""; \
	test -x /usr/bin/chromium || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(APT_GET) update && $(APT_GET) install -y $$missing; \
	fi
	mkdir -p $(TOOLS)
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# --ignore-scripts: vnu-jar's postinstall would download a Java build; Debian's java runs it.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund
	touch $@

test: test-deps
	$(BIN)/python -m pytest

# README pictures (docs/screenshots/) and the link-preview card (static/card.png), by the test browser.
screenshots: test-deps
	rm -rf .screenshots-site
	$(BIN)/python build.py build --out .screenshots-site
	$(BIN)/python tests/screenshots.py .screenshots-site
	rm -rf .screenshots-site

clean:
	rm -rf _site .docket-cache

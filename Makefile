# The two commands a newcomer needs are `make serve` and `make test`;
# both set up what they need on first run (see scripts/setup.sh).
.PHONY: serve test test-quick test-clock-ahead build check schema new-guide bench offline publish rollback releases setup lock

PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1

serve: setup                       ## serve the site at http://127.0.0.1:8000 with live reload
	.venv/bin/mkdocs serve --livereload -a 127.0.0.1:8000

# compileall: guidekit's bytecode, once, for the hundred-odd builds and checks the tests start
# (where PYTHONDONTWRITEBYTECODE is set, each would compile guidekit again).
test:                              ## run the whole test suite on every CPU (installs browser and servers on first run)
	scripts/setup.sh --system
	@$(PY) -m compileall -q guidekit
	$(PY) -m pytest -n auto --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

test-quick: setup                  ## the unit tests only: no build, no browser (seconds, not minutes)
	$(PY) -m pytest -m unit -n auto $(PYTEST_ARGS)

# Set up first, on the real clock: under a moved clock apt would distrust its package lists' dates.
test-clock-ahead:                  ## the whole suite with the clock two years ahead (libfaketime): no test depends on today's date
	scripts/setup.sh --system --faketime
	faketime -f +2y $(MAKE) test

build: setup                       ## build the site into site/ (strict: warnings are errors)
	.venv/bin/mkdocs build --strict

check: setup                       ## validate all content without building: prints only the problems (same as .venv/bin/guidekit check)
	@.venv/bin/guidekit check

schema: setup                      ## regenerate content_data/schema/ from the content model
	@.venv/bin/guidekit schema

offline: setup                     ## a zip of the site that works opened from disk, no network: dist/<name>-offline.zip
	$(PY) scripts/build_offline.py

publish: setup                     ## build into DEST/releases/<time> and switch DEST/current to it: make publish DEST=/srv/ai-guide [CONFIG=mkdocs.intranet.yml] [KEEP=5]
	$(PY) scripts/publish.py --dest "$(DEST)" --config "$(or $(CONFIG),mkdocs.yml)" --keep "$(or $(KEEP),5)"

rollback: setup                    ## point DEST/current back at the previous complete release, or at TO: make rollback DEST=/srv/ai-guide [TO=20261130-101500]
	$(PY) scripts/publish.py --dest "$(DEST)" --rollback $(if $(TO),--to "$(TO)")

releases: setup                    ## list the releases in DEST, marking the current one: make releases DEST=/srv/ai-guide
	$(PY) scripts/publish.py --dest "$(DEST)" --list

new-guide: setup                   ## start a guide from content_data/_template: make new-guide NAME=my-guide [TITLE="My guide"]
	@test -n "$(NAME)" || { echo 'Usage: make new-guide NAME=my-guide [TITLE="My guide"]' >&2; exit 2; }
	@.venv/bin/guidekit new-guide "$(NAME)" $(if $(TITLE),--title "$(TITLE)")

bench:                             ## speed, page weight, first paint and scale against their goals, as a table (several minutes; BENCHMARKS.md)
	scripts/setup.sh --system --bench
	$(PY) scripts/bench.py $(BENCH_ARGS)

setup:
	@scripts/setup.sh

lock:                              ## pin pyproject.toml's dependencies and the test extra in requirements.txt, and the installer uv in scripts/uv-requirements.txt, with hashes (keeps existing pins; add --upgrade to LOCK_ARGS to move them)
	python3 -m venv /tmp/guidekit-lock && /tmp/guidekit-lock/bin/pip install -q "pip-tools>=7.4"
	/tmp/guidekit-lock/bin/pip-compile --quiet $(LOCK_ARGS) --generate-hashes --allow-unsafe --all-build-deps --extra test \
	  --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt pyproject.toml
	cd scripts && /tmp/guidekit-lock/bin/pip-compile --quiet $(LOCK_ARGS) --generate-hashes --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --output-file uv-requirements.txt uv.in

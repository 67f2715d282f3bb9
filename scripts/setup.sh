#!/usr/bin/env bash
# Prepares everything the project needs, idempotently, so `make serve` and
# `make test` work on a fresh machine. Re-runs are cheap: the virtual
# environment is rebuilt only when the lock files (requirements.txt, scripts/*-requirements.txt), pyproject.toml or this script change.
#
#   scripts/setup.sh            Python environment only (enough to serve and check the site)
#   scripts/setup.sh --system   also the system packages the test suite drives:
#                               Debian's chromium (browser tests) and nginx (web server test)
#   scripts/setup.sh --system --faketime
#                               also Debian's faketime, for `make test-clock-ahead`
#   scripts/setup.sh --system --bench
#                               also node and npm, and Lighthouse from npm, for `make bench`,
#                               into scripts/lighthouse/node_modules (pinned by its lock file)
#
# The checklist's scoring.js runs in V8 embedded from PyPI (mini-racer), so neither the
# check, the build nor the tests need Node.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
stamp="$venv/.installed"
python=${PYTHON:-python3}

# 3.11.5: the oldest Python every locked package installs on (pymdown-extensions 13.1 asks for
# it; Debian 12's python3 is 3.11.2, where the install would fail halfway with pip's long list).
need_python() {
  "$python" - <<'PY' || { echo "setup: Python 3.11.5 or newer is required (found $("$python" --version 2>&1)); name another with PYTHON=/path/to/python3" >&2; exit 1; }
import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else 1)
PY
}

# pip, quiet, installing into the environment; its status is the pipeline's (pipefail), so a
# failed install stops the script. The environment is made without pip of its own (installing
# pip into it took 6 s of a fresh clone's 15 s set-up, only to install uv): the pip of the Python
# that made it installs into it (`--python`). Where that pip is missing or older than 22.3,
# the environment gets its own pip after all (`ensure_pip`).
quiet_pip() {
  pip_for_venv --quiet --disable-pip-version-check "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}

pip_for_venv() {
  if [[ -x $venv/bin/pip ]]; then
    "$venv/bin/pip" "$@"
  else
    "$python" -m pip --python "$venv/bin/python" "$@"
  fi
}

ensure_pip() {
  pip_for_venv --version >/dev/null 2>&1 || "$venv/bin/python" -m ensurepip --default-pip >/dev/null
}

# uv, or pip where uv fails on this machine: seen once in CI, where uv crashed (segmentation
# fault) while compiling bytecode. pip takes the same arguments and checks the same hashes.
install_packages() {
  "$venv/bin/uv" pip install --quiet --python "$venv/bin/python" "$@" && return
  echo "setup: uv failed (see above); installing with pip instead" >&2
  quiet_pip install "$@"
}

# The packages' and guidekit's bytecode, compiled once here (a few seconds): each Python process
# the project starts (a build, a check, a test worker) then loads compiled modules instead of
# compiling some 300 of them again, about 0.7 s of CPU per process where PYTHONDONTWRITEBYTECODE
# is set (Python then never caches its own compilation); the test suite starts over a hundred.
# One plain Python process does it, not uv's parallel compiler (the one that crashed in CI).
# Modules already compiled are skipped, so an environment made by an earlier version of this
# script (the stamp includes this script) gains its bytecode without a reinstall. A module that
# does not compile only starts slower, so it does not stop the set-up.
compile_bytecode() {
  local site_packages=$1
  "$venv/bin/python" -m compileall -q "$site_packages" guidekit >/dev/null \
    || echo "setup: some modules did not compile to bytecode; they will only start slower" >&2
}

python_env() {
  local want
  want=$(cat requirements.txt scripts/*-requirements.txt pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" && -d $venv/properdocs/properdocs ]]; then return; fi
  need_python
  echo "setup: installing Python packages into $venv (first run only)"
  [[ -x $venv/bin/python ]] || "$python" -m venv --without-pip "$venv"
  ensure_pip
  # The locked set, every file checked against its hash in requirements.txt; then the project
  # itself, editable (code changes apply at once), with nothing more fetched: its dependencies
  # and its build tool (setuptools) are in the lock. The installer is uv, itself installed by
  # pip from its own hashed lock: it fetches and unpacks the packages in parallel, a fresh clone's
  # setup in seconds instead of a minute. This machine's pip configuration warns about absent
  # local mirrors; hide that noise only.
  quiet_pip install --require-hashes -r scripts/uv-requirements.txt
  install_packages --require-hashes -r requirements.txt
  install_packages --no-deps --no-build-isolation --editable .
  # ProperDocs apart from the environment, for the test that builds the site with it (see the
  # file). --upgrade: should uv fail halfway, pip replaces what it left instead of keeping it.
  rm -rf "$venv/properdocs"
  install_packages --upgrade --require-hashes --no-deps --target "$venv/properdocs" -r scripts/properdocs-requirements.txt
  local site_packages
  site_packages=$("$venv/bin/python" -c 'import site; print(site.getsitepackages()[0])')
  compile_bytecode "$site_packages"
  rm -f "$site_packages/guidekit.pth"  # left by earlier versions of this script
  rm -rf "$venv"/properdocs-*           # left by earlier versions of the ProperDocs test
  "$venv/bin/python" -c "import mkdocs, material, pydantic, nh3, py_mini_racer, guidekit" && [[ -x $venv/bin/guidekit ]] \
    || { echo "setup: the Python packages did not install; see the messages above" >&2; exit 1; }
  echo "$want" > "$stamp"
}

apt_install() {
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "setup: installing system packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

system_packages() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/chromium-headless-shell ]] || missing+=(chromium-headless-shell)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

faketime_package() {
  command -v faketime >/dev/null || apt_install faketime
}

lighthouse() {
  local folder=scripts/lighthouse want missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
  want=$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)
  if [[ -f $folder/node_modules/.installed && $(cat "$folder/node_modules/.installed") == "$want" ]]; then return; fi
  echo "setup: installing Lighthouse into $folder/node_modules (make bench only)"
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$folder/node_modules/.installed"
}

python_env
for option in "$@"; do
  case $option in
    --system) system_packages ;;
    --faketime) faketime_package ;;
    --bench) lighthouse ;;
    *) echo "setup: unknown option $option (known: --system, --faketime, --bench)" >&2; exit 2 ;;
  esac
done

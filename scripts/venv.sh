# Sourced by scripts/build and scripts/test (not run on its own): use the active virtual environment,
# else the project's .venv, created on first use, and install the project into it (editable) when it
# is new or pyproject.toml changed since the last install. Debian 12 and other systems whose Python is
# "externally managed" refuse `pip install` outside a virtual environment.
# Needs: $root (the project folder) and $extras ("" or "[test]").

venv_python_works() { "$1/bin/python" -m pip --version >/dev/null 2>&1; }

if [ -z "${VIRTUAL_ENV:-}" ]; then
  if ! venv_python_works "$root/.venv"; then
    echo "creating the virtual environment $root/.venv" >&2
    if ! python3 -m venv "$root/.venv" || ! venv_python_works "$root/.venv"; then
      echo "error: could not create $root/.venv (python3 -m venv failed); on Debian and Ubuntu the venv" \
           "module is a separate package: sudo apt-get install python3-venv, then run this again" >&2
      exit 1
    fi
  fi
  # shellcheck disable=SC1091
  . "$root/.venv/bin/activate"
fi

stamp="$VIRTUAL_ENV/.scorm-builder-installed"
wanted="$root$extras $(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] || ! python -c "import scorm_builder" 2>/dev/null; then
  python -m pip install --quiet --disable-pip-version-check -e "$root$extras"
  echo "$wanted" > "$stamp"
fi

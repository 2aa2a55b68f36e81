# The two set-up commands of the README: `make run` (the main job on the bundled corpus) and `make test`.
# Both install what they need first: uv from PyPI if it is missing, then the locked environment (uv.lock).
UV ?= uv
export PATH := $(HOME)/.local/bin:$(PATH)
# Never fetch a Python build from outside the package registries: use the machine's Python 3.11+.
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint eval bench env audit

env:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --quiet --user "uv==0.13.9"
	@$(UV) sync --frozen --quiet

run: env
	$(UV) run policykg build
	$(UV) run policykg serve

lint: env
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy

test: lint
	$(UV) run pytest

eval: env
	$(UV) run policykg eval

bench: env
	$(UV) run python bench/extract_speed.py
	$(UV) run python bench/build_speed.py

# Known vulnerabilities in the locked dependencies, from PyPI's advisory data (needs PyPI's JSON API).
audit: env
	$(UV) export --frozen --no-emit-project --format requirements-txt > .audit-requirements.txt
	$(UV) run pip-audit --requirement .audit-requirements.txt --disable-pip --progress-spinner off; \
		status=$$?; rm -f .audit-requirements.txt; exit $$status

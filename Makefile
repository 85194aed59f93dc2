# kehoach: `make run` sets up and extracts corpus/ into outputs/; `make test` sets up and runs the tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
APT_PKGS := tesseract-ocr tesseract-ocr-vie antiword chromium

.PHONY: setup system-deps run test lint bench clean eval

setup: $(STAMP)

# System tools for OCR (tesseract), legacy .doc (antiword) and the browser test (chromium).
# Installed with apt-get where it exists and we are root; otherwise the affected files report
# which package to install.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	(tesseract --list-langs 2>/dev/null | grep -qx vie) || missing="$$missing tesseract-ocr-vie"; \
	command -v antiword >/dev/null || missing="$$missing antiword"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "warning: missing system packages:$$missing (install them with apt-get)"; fi; \
	fi

$(STAMP): pyproject.toml
	$(MAKE) system-deps
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,plot]'
	touch $(STAMP)

run: setup
	$(BIN)/kehoach extract corpus --out outputs

test: setup
	$(BIN)/ruff check pipeline models tests
	$(BIN)/mypy pipeline models
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check pipeline models tests
	$(BIN)/mypy pipeline models

# Longer measurements: reader speed against pdfplumber and python-docx, accuracy on the answer keys.
bench: setup
	$(BIN)/python -m pipeline.bench --shared $(SHARED)

eval: setup
	$(BIN)/kehoach extract $(SHARED)/corpus --out outputs/corpus -q || true
	$(BIN)/kehoach eval --gold $(SHARED)/gold --pred outputs/corpus

clean:
	rm -rf $(VENV) outputs/*.json outputs/corpus build *.egg-info

# 医保办事指引助手 — every set-up step lives here, so a fresh machine needs only
# `make run` (the assistant) and `make test` (the tests).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa Open Source 3.6 needs Python 3.10 (>=3.8,<3.11).
# The first interpreter that really is 3.10 (a pyenv shim may exist and still fail).
PYTHON310 ?= $(shell for p in $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.10.*/bin/python 2>/dev/null | sort -V -r) python3.10; do \
  $$p -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
TRAINING_INPUTS := config.yml domain.yml $(shell find data knowledge -name '*.yml' 2>/dev/null)
MODEL := models/assistant.tar.gz

.PHONY: help install system-packages check dictionary train run test test-unit bench lookup clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "需要 Python 3.10（Rasa 3.6 不支持 3.11+）。Python 3.10 is required: install it with"; \
	  echo "  pyenv install 3.10.13   (or: apt-get install python3.10 python3.10-venv)"; \
	  echo "or run: make PYTHON310=/path/to/python3.10 ..."; exit 1; fi
	$(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.2
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed ## create .venv and install the pinned requirements

# The tests also use a real PostgreSQL server and a real headless Chromium (Debian packages).
SYSTEM_PACKAGES := postgresql chromium chromium-driver fonts-noto-cjk
system-packages: ## install PostgreSQL and Chromium for the tests (apt-get, as root)
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v chromium >/dev/null \
	  && command -v chromedriver >/dev/null && [ -d /usr/share/fonts/opentype/noto ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else echo "测试需要 PostgreSQL 和 Chromium。The tests need: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi

check: install ## validate the catalogue and hold every fact against the seed documents
	$(PY) -m bot check

build/jieba/catalogue.txt: $(VENV)/.installed bot/dictionary.py $(shell find knowledge -name '*.yml')
	$(PY) -m bot dictionary build/jieba

dictionary: build/jieba/catalogue.txt ## write the jieba dictionary from the catalogue

$(MODEL): $(VENV)/.installed build/jieba/catalogue.txt $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name assistant --out models --quiet

train: $(MODEL) ## train the Rasa model when the data has changed

run: $(MODEL) ## start the action, NLU and Rasa servers (SQLite, REST on :5005)
	$(PY) -m bot.launcher

test: $(MODEL) system-packages ## run all tests (catalogue, matcher, actions, the real servers over HTTP)
	$(PY) -m pytest -q tests

test-unit: install system-packages ## run the tests that need no trained model
	$(PY) -m pytest -q tests -m "not servers and not model"

bench: $(MODEL) ## measure training time, start-up, latency and throughput over REST, memory
	$(PY) tests/bench/bench.py

lookup: install ## look a matter up like a hotline agent: make lookup Q=门诊怎么报销
	$(PY) -m bot lookup $(Q)

clean: ## remove the environment, models, generated files and local data
	rm -rf $(VENV) models build var .pytest_cache

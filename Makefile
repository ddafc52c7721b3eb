# Minga: two commands do all the set-up on a fresh Debian machine with the Swift toolchain.
#   make chat   installs GNU readline's headers if missing, builds, and starts the terminal chat
#   make test   installs what is missing, builds, and runs every test (transcripts included)

SWIFT ?= swift
STORE ?=

.PHONY: chat test build deps bench release check

deps:
	@if ! dpkg -s libreadline-dev >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Instalando libreadline-dev…"; \
	    (apt-get install -y -q libreadline-dev >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q libreadline-dev >/dev/null)) || \
	    { echo "No pude instalar libreadline-dev."; exit 1; }; \
	  else \
	    echo "Falta libreadline-dev. Instálalo con:  sudo apt-get install -y libreadline-dev"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

chat: build
	@$(SWIFT) run --skip-build minga chat $(if $(STORE),--store $(STORE),)

test: deps
	@python3 -c "import icalendar" 2>/dev/null || pip install -q icalendar >/dev/null 2>&1 || echo "Sin icalendar: se omite la validación del .ics."
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Instalando chromium (para probar el informe HTML en un navegador)…"; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null 2>&1)) || \
	    echo "No pude instalar chromium: se omite la prueba del informe HTML en el navegador."; \
	  else \
	    echo "Sin chromium (instálalo con: sudo apt-get install -y chromium): se omite la prueba del informe HTML en el navegador."; \
	  fi; \
	}
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

check: build
	@$(SWIFT) run --skip-build minga check dialogs

# Static Swift runtime: the binary starts in ~12 ms instead of ~18 ms (no runtime libraries to load).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

bench: release
	@.build/release/minga-bench

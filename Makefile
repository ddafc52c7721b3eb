# Minga: two commands do all the set-up on a fresh Debian machine with the Swift toolchain.
#   make chat      installs GNU readline's headers if missing, builds minga, and starts the terminal chat
#   make test      installs what is missing, builds, and runs every test (transcripts included)
#   make install   a stripped, self-contained minga in $(PREFIX)/bin, with its man page and completions
#   make uninstall removes what make install put there

SWIFT ?= swift
STORE ?=
PREFIX ?= $(HOME)/.local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
RELEASE = .build/release/minga

.PHONY: chat test build minga deps bench release check dialogs install uninstall

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
	@if ! command -v git >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Instalando git (para el historial y la sincronización del almacén)…"; \
	    (apt-get install -y -q git >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q git >/dev/null)) || \
	    { echo "No pude instalar git."; exit 1; }; \
	  else \
	    echo "Falta git. Instálalo con:  sudo apt-get install -y git"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

# Only what the chat needs, quietly: one line of progress, and the compiler's output only if it fails.
minga: deps
	@echo "Compilando minga (la primera vez tarda unos minutos)…"
	@log=$$(mktemp); \
	if $(SWIFT) build --product minga >"$$log" 2>&1; then rm -f "$$log"; \
	else cat "$$log"; rm -f "$$log"; echo "La compilación falló; el detalle está arriba."; exit 1; fi

chat: minga
	@.build/debug/minga chat $(if $(STORE),--store $(STORE),)

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

check: minga
	@.build/debug/minga check dialogs

# After editing dialogs/: the copy built into the binary (EmbeddedDialogsTests checks they match).
dialogs:
	@python3 scripts/embed_dialogs.py

# Static Swift runtime: the binary starts in ~12 ms instead of ~18 ms (no runtime libraries to
# load), and runs on machines without the Swift toolchain.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

bench: release
	@.build/release/minga-bench

install: deps
	@echo "Compilando minga en modo release (unos minutos)…"
	@log=$$(mktemp); \
	if $(SWIFT) build -c release --static-swift-stdlib --product minga >"$$log" 2>&1; then rm -f "$$log"; \
	else cat "$$log"; rm -f "$$log"; echo "La compilación falló; el detalle está arriba."; exit 1; fi
	@if ldd $(RELEASE) | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime'; then \
	  echo "El binario depende de las bibliotecas del toolchain de Swift; no lo instalo."; exit 1; fi
	@install -d "$(BINDIR)" "$(MANDIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	@strip -o "$(BINDIR)/minga" $(RELEASE) && chmod 755 "$(BINDIR)/minga"
	@$(RELEASE) manual > "$(MANDIR)/minga.1"
	@$(RELEASE) completions bash > "$(BASHDIR)/minga"
	@$(RELEASE) completions zsh > "$(ZSHDIR)/_minga"
	@$(RELEASE) completions fish > "$(FISHDIR)/minga.fish"
	@echo "Instalé minga en $(BINDIR)/minga (más su manual y el autocompletado)."
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "Ojo: $(PREFIX)/bin no está en tu PATH; agrégalo para escribir solo «minga».";; esac

uninstall:
	@rm -f "$(BINDIR)/minga" "$(MANDIR)/minga.1" "$(BASHDIR)/minga" "$(ZSHDIR)/_minga" "$(FISHDIR)/minga.fish"
	@echo "Quité minga de $(DESTDIR)$(PREFIX). Tus datos siguen en el almacén (~/.local/share/minga o \$$MINGA_STORE)."

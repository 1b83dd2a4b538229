# Conveniences over SwiftPM and the scripts. `sudo make install` puts the daemon in place.
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
UNITDIR ?= /etc/systemd/system
SWIFT ?= swift

.PHONY: build test demo install uninstall

build:
	scripts/install-deps.sh
	$(SWIFT) build -c release --product feedwatch

test:
	scripts/test.sh

demo:
	scripts/demo.sh

install: build
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/feedwatch" $(DESTDIR)$(PREFIX)/bin/feedwatch
	install -D -m 0644 systemd/feedwatch.service $(DESTDIR)$(UNITDIR)/feedwatch.service
	install -D -m 0644 config.schema.json $(DESTDIR)$(PREFIX)/share/feedwatch/config.schema.json
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/feedwatch/README.md
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/feedwatch/config.json ]; then \
		install -D -m 0644 config.example.json $(DESTDIR)$(SYSCONFDIR)/feedwatch/config.json; \
		echo "installed an example configuration: $(SYSCONFDIR)/feedwatch/config.json"; fi
	@echo "then: systemctl daemon-reload && systemctl enable --now feedwatch"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/feedwatch $(DESTDIR)$(UNITDIR)/feedwatch.service
	rm -rf $(DESTDIR)$(PREFIX)/share/feedwatch $(DESTDIR)$(PREFIX)/share/doc/feedwatch

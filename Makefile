# Conveniences over SwiftPM and the scripts. `sudo make install` puts the daemon in place.
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
UNITDIR ?= /etc/systemd/system
SWIFT ?= swift

.PHONY: build test demo install install-digest-access install-postgres uninstall

build:
	scripts/install-deps.sh
	scripts/build-release.sh >/dev/null

test:
	scripts/test.sh

demo:
	scripts/demo.sh

install: build
	install -D -m 0755 "$$(scripts/build-release.sh)" $(DESTDIR)$(PREFIX)/bin/feedwatch
	install -D -m 0644 systemd/feedwatch.service $(DESTDIR)$(UNITDIR)/feedwatch.service
	install -D -m 0644 config.schema.json $(DESTDIR)$(PREFIX)/share/feedwatch/config.schema.json
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/feedwatch/README.md
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/feedwatch/config.json ]; then \
		install -D -m 0644 config.example.json $(DESTDIR)$(SYSCONFDIR)/feedwatch/config.json; \
		echo "installed an example configuration: $(SYSCONFDIR)/feedwatch/config.json"; fi
	@echo "then: systemctl daemon-reload && systemctl enable --now feedwatch"

# Digests readable by a group (README, "Reading digests under systemd"): the group, its folder, the
# drop-in. Then set digest.folder, digest.group and digest.mode in the configuration.
DIGEST_GROUP ?= feedwatch-readers
DIGEST_FOLDER ?= /srv/feedwatch-digests
install-digest-access:
	getent group $(DIGEST_GROUP) >/dev/null || groupadd --system $(DIGEST_GROUP)
	install -d -m 2770 -g $(DIGEST_GROUP) $(DESTDIR)$(DIGEST_FOLDER)
	install -d $(DESTDIR)$(UNITDIR)/feedwatch.service.d
	sed -e 's|feedwatch-readers|$(DIGEST_GROUP)|g' -e 's|/srv/feedwatch-digests|$(DIGEST_FOLDER)|g' systemd/digests.conf \
		> $(DESTDIR)$(UNITDIR)/feedwatch.service.d/digests.conf
	@echo "add people to the group: usermod -aG $(DIGEST_GROUP) NAME"
	@echo "in the configuration: \"digest\": {\"folder\": \"$(DIGEST_FOLDER)\", \"group\": \"$(DIGEST_GROUP)\", \"mode\": \"0640\"}"
	@echo "then: systemctl daemon-reload && systemctl restart feedwatch"

# The state on a shared PostgreSQL server (README, "Running several instances"): the drop-in, and a
# root-only file for the server's URL. Then set "storage": {"postgresEnv": "FEEDWATCH_DATABASE_URL"}.
install-postgres:
	install -d $(DESTDIR)$(UNITDIR)/feedwatch.service.d
	install -m 0644 systemd/postgres.conf $(DESTDIR)$(UNITDIR)/feedwatch.service.d/postgres.conf
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/feedwatch/postgres.env ]; then \
		install -D -m 0600 /dev/null $(DESTDIR)$(SYSCONFDIR)/feedwatch/postgres.env; \
		echo "FEEDWATCH_DATABASE_URL=postgresql://feedwatch:PASSWORD@db.example.net:5432/feedwatch?sslmode=verify-full" \
			> $(DESTDIR)$(SYSCONFDIR)/feedwatch/postgres.env; \
		echo "edit $(SYSCONFDIR)/feedwatch/postgres.env: the server's URL, with its password"; fi
	@echo "in the configuration: \"storage\": {\"postgresEnv\": \"FEEDWATCH_DATABASE_URL\"}"
	@echo "check it: set -a; . $(SYSCONFDIR)/feedwatch/postgres.env; feedwatch check-config $(SYSCONFDIR)/feedwatch/config.json"
	@echo "then: systemctl daemon-reload && systemctl restart feedwatch"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/feedwatch $(DESTDIR)$(UNITDIR)/feedwatch.service
	rm -rf $(DESTDIR)$(PREFIX)/share/feedwatch $(DESTDIR)$(PREFIX)/share/doc/feedwatch

/// Versioned schema migrations, recorded in `PRAGMA user_version`. Each runs in its own transaction;
/// a database newer than this build is refused rather than guessed at.
enum Migrations {
    static let steps: [String] = [
        // 1: feeds, items, and what was extracted from them
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            config_url TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            name TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            etag TEXT,
            last_modified TEXT,
            next_due REAL NOT NULL DEFAULT 0,
            last_status INTEGER,
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            last_error_at REAL,
            last_success REAL,
            failing_since REAL,
            broken INTEGER NOT NULL DEFAULT 0,
            items_seen INTEGER NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id),
            identity TEXT NOT NULL,
            title TEXT,
            link TEXT,
            published REAL,
            content_hash TEXT NOT NULL,
            first_seen REAL NOT NULL,
            updated_at REAL,
            text TEXT NOT NULL DEFAULT '',
            UNIQUE (feed_id, identity)
        );
        CREATE INDEX items_first_seen ON items(first_seen);
        CREATE TABLE item_actors (item_id INTEGER NOT NULL REFERENCES items(id), actor_id TEXT NOT NULL,
                                  count INTEGER NOT NULL, salience REAL NOT NULL);
        CREATE INDEX item_actors_actor ON item_actors(actor_id);
        CREATE INDEX item_actors_item ON item_actors(item_id);
        CREATE TABLE mentions (item_id INTEGER NOT NULL REFERENCES items(id), actor_id TEXT NOT NULL,
                               kind TEXT NOT NULL, form TEXT NOT NULL, sentence INTEGER NOT NULL);
        CREATE INDEX mentions_item ON mentions(item_id);
        CREATE TABLE item_topics (item_id INTEGER NOT NULL REFERENCES items(id), topic_id TEXT NOT NULL,
                                  sentences TEXT NOT NULL);
        CREATE INDEX item_topics_item ON item_topics(item_id);
        CREATE TABLE quotes (item_id INTEGER NOT NULL REFERENCES items(id), text TEXT NOT NULL, speaker_actor TEXT,
                             speaker_text TEXT, verb TEXT, sentence INTEGER NOT NULL);
        CREATE INDEX quotes_item ON quotes(item_id);
        CREATE TABLE comentions (item_id INTEGER NOT NULL REFERENCES items(id), a TEXT NOT NULL, b TEXT NOT NULL,
                                 count INTEGER NOT NULL);
        CREATE INDEX comentions_item ON comentions(item_id);
        """,
        // 2: the alert outbox — alerts written in the same transaction as their item, one delivery row
        // per sink, delivered at least once; grouped alerts wait for a throttled rule's summary.
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            rule_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            item_id INTEGER REFERENCES items(id),
            feed_id INTEGER REFERENCES feeds(id),
            idempotency_key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            created REAL NOT NULL
        );
        CREATE INDEX alerts_rule_created ON alerts(rule_id, created);
        CREATE TABLE deliveries (
            alert_id INTEGER NOT NULL REFERENCES alerts(id),
            sink_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            delivered REAL,
            PRIMARY KEY (alert_id, sink_id)
        );
        CREATE INDEX deliveries_pending ON deliveries(status, next_attempt);
        """,
        // 3: the interval each feed was last scheduled with, so that a changed one can move its next poll.
        """
        ALTER TABLE feeds ADD COLUMN interval REAL;
        """,
        // 4: what each delivery round asks of the alerts table, indexed, so that a round costs the same
        // with a million alerts as with a hundred: the rules holding alerts back, and their last summary.
        """
        CREATE INDEX alerts_grouped ON alerts(rule_id) WHERE status = 'grouped';
        CREATE INDEX alerts_summaries ON alerts(rule_id, created) WHERE kind = 'group';
        """,
        // 5: full-text search over items' titles and texts (FTS5; Porter stems, diacritics folded, so
        // "orban" finds "Orbán"), kept in step with `items` by triggers, filled from what is stored.
        """
        CREATE VIRTUAL TABLE items_fts USING fts5(
            title, text, content = 'items', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
            INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        INSERT INTO items_fts(items_fts) VALUES ('rebuild');
        """,
        // 6: running tallies for the metrics (items, alerts per rule), kept by the code that writes the
        // rows, so that refreshing the metrics every 15 s does not count whole tables.
        """
        CREATE TABLE tallies (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO tallies VALUES ('items', (SELECT COUNT(*) FROM items));
        CREATE TABLE rule_tallies (rule_id TEXT PRIMARY KEY, alerts INTEGER NOT NULL);
        INSERT INTO rule_tallies SELECT rule_id, COUNT(*) FROM alerts GROUP BY rule_id;
        """,
        // 7: stories — items that tell the same story, across feeds. Each alerting item leaves an entry
        // (its story, its text's MinHash signature) and keys to find it by (64-bit hashes of its canonical
        // link and title, and its LSH bands), looked up among those seen within the window; a rule alerts once per story (`story_alerts`).
        """
        CREATE TABLE stories (id INTEGER PRIMARY KEY, first_seen REAL NOT NULL, title TEXT);
        CREATE TABLE story_entries (
            id INTEGER PRIMARY KEY, story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            signature BLOB, seen REAL NOT NULL);
        CREATE TABLE story_keys (
            key INTEGER NOT NULL, entry_id INTEGER NOT NULL, seen REAL NOT NULL, PRIMARY KEY (key, entry_id)) WITHOUT ROWID;
        CREATE TABLE story_alerts (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE, rule_id TEXT NOT NULL,
            PRIMARY KEY (story_id, rule_id)) WITHOUT ROWID;
        ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id);
        CREATE INDEX items_story ON items(story_id) WHERE story_id IS NOT NULL;
        -- What the purge (every `once`, hourly in the daemon) asks, so that it reads what it deletes
        -- and not the tables: times only grow, so these indexes are appended to.
        CREATE INDEX story_keys_seen ON story_keys(seen);
        CREATE INDEX story_entries_seen ON story_entries(seen);
        CREATE INDEX stories_first_seen ON stories(first_seen);
        CREATE INDEX alerts_item ON alerts(item_id) WHERE item_id IS NOT NULL;
        """,
        // 8: the daily digest by email: which day's digest each sink has been sent, and its retries.
        """
        CREATE TABLE digest_mails (
            day TEXT NOT NULL, sink_id TEXT NOT NULL, sent REAL, attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt REAL NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (day, sink_id)) WITHOUT ROWID;
        """,
        // 9: the tables several instances share on PostgreSQL, here too so that both backends run the
        // same queries and `storage copy` moves every table as it is: leases on feeds and deliveries
        // (the instance working on them, and until when), instances and their heartbeats, hosts slowed
        // down for everyone, and which instance wrote each day's digest; each feed's host, for the
        // per-host limit all instances keep together.
        """
        ALTER TABLE feeds ADD COLUMN host TEXT;
        ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
        ALTER TABLE feeds ADD COLUMN lease_until REAL;
        ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
        ALTER TABLE deliveries ADD COLUMN lease_until REAL;
        CREATE INDEX feeds_due ON feeds(next_due) WHERE active = 1;
        CREATE INDEX feeds_leased ON feeds(host) WHERE lease_until IS NOT NULL;
        CREATE TABLE instances (name TEXT PRIMARY KEY, started REAL NOT NULL, seen REAL NOT NULL);
        CREATE TABLE host_slowdowns (host TEXT PRIMARY KEY, until REAL NOT NULL);
        CREATE TABLE digests_written (day TEXT PRIMARY KEY, instance TEXT NOT NULL, written REAL NOT NULL);
        """,
        // 10: the categories an item carries and those its feed document gives itself (one per line),
        // which rules can ask for (`categories`, `feedTags`) and `replay` must see again.
        """
        ALTER TABLE items ADD COLUMN categories TEXT;
        ALTER TABLE feeds ADD COLUMN categories TEXT;
        """,
    ]

    static func apply(to db: SQLiteConnection) throws {
        let version = try db.prepare("PRAGMA user_version").rows().first?.int("user_version") ?? 0
        guard version <= steps.count else {
            throw StoreError.schema("the database is at schema version \(version); this feedwatch knows up to \(steps.count)")
        }
        for (index, step) in steps.enumerated().dropFirst(version) {
            try db.transaction {
                // Read again under the write lock (BEGIN IMMEDIATE): another process opening the same
                // file at the same moment (a daemon and a command) may have applied this step already.
                let current = try db.prepare("PRAGMA user_version").rows().first?.int("user_version") ?? 0
                guard current == index else { return }
                try db.execute(step)
                try db.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}

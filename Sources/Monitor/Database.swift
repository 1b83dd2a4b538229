import Config
import Foundation
import Store

extension Configuration {
    /// Opens the configured database: PostgreSQL when `storage.postgres` (or `postgresEnv`) is set,
    /// else the SQLite file. `readOnly` and `checkWholeFile`: see `SQLiteStore.init` (a PostgreSQL
    /// server needs neither: it checks its own pages, and its permissions are its roles').
    public func openStore(readOnly: Bool = false, checkWholeFile: Bool = true) throws -> any FeedStore {
        if let url = storage.postgresURL {
            return try PostgresStore(url: url, instance: instance, leaseSeconds: storage.leaseSeconds)
        }
        return try SQLiteStore(
            path: storagePath, readOnly: readOnly, checkWholeFile: checkWholeFile, instance: instance,
            leaseSeconds: storage.leaseSeconds)
    }

    /// Whether several instances may share the database (PostgreSQL): then there is no lock file,
    /// the database itself keeps instances apart.
    public var sharedDatabase: Bool { storage.postgresURL != nil }
}

import GRDB

/// The PostgreSQL catalog the leader keeps beside Redshift's own system tables: `pg_class`,
/// `pg_namespace`, `pg_attribute`, `pg_type`, `pg_database` and their neighbours, filled from the
/// cluster's tables the moment a statement names them. This is what `psql`'s `\dt`, `\d table`
/// and `\l` read; Redshift's leader answers the same catalog queries.
///
/// Object ids follow PostgreSQL where it fixes them (namespace `pg_catalog` is 11, `public` is
/// 2200, type ids as `RowDescription` reports them); a user table's oid is its table id, the one
/// `SVV_TABLE_INFO.table_id` shows.
enum PGCatalog {
    static let catalogNamespace = 11
    static let publicNamespace = 2200
    static let informationSchemaNamespace = 14_000
    /// How the leader names `information_schema`'s views among its system tables.
    static let informationSchemaPrefix = "information_schema_"
    /// `rdsdb`, the superuser that owns the catalog and the databases on Redshift.
    static let systemUser = 1
    /// The cluster's master user, who owns the tables created through the leader.
    static let masterUser = 100
    /// Catalog relations get ids from here, one per system table in `SystemTable.all`'s order.
    static let firstCatalogRelation = 1_000

    /// The types a column can have: oid, name, length in bytes (-1: variable).
    static let types: [(oid: Int, name: String, length: Int)] = [
        (16, "bool", 1), (20, "int8", 8), (21, "int2", 2), (23, "int4", 4), (25, "text", -1), (700, "float4", 4),
        (701, "float8", 8), (1042, "bpchar", -1), (1043, "varchar", -1), (1082, "date", 4), (1083, "time", 8),
        (1114, "timestamp", 8), (1184, "timestamptz", 8), (1700, "numeric", -1),
    ]

    /// PostgreSQL's `format_type(oid, typmod)`: the SQL name of a type with its modifiers.
    static func formatType(_ oid: Int, _ typmod: Int?) -> String {
        let mod = typmod ?? -1
        switch oid {
        case 16: return "boolean"
        case 20: return "bigint"
        case 21: return "smallint"
        case 23: return "integer"
        case 25: return "text"
        case 700: return "real"
        case 701: return "double precision"
        case 1042: return mod >= 4 ? "character(\(mod - 4))" : (typmod == nil ? "bpchar" : "character")
        case 1043: return mod >= 4 ? "character varying(\(mod - 4))" : "character varying"
        case 1082: return "date"
        case 1083: return "time without time zone"
        case 1114: return "timestamp without time zone"
        case 1184: return "timestamp with time zone"
        case 1700:
            guard mod >= 4 else { return "numeric" }
            return "numeric(\((mod - 4) >> 16),\((mod - 4) & 0xffff))"
        default: return "???"
        }
    }

    /// A column type's `atttypmod`, as PostgreSQL stores it: the length plus 4 for character
    /// types, `(precision << 16 | scale) + 4` for numeric, -1 for types without modifiers.
    static func typmod(_ type: RedshiftType) -> Int {
        let inside = type.name.split(separator: "(").dropFirst().first.map { $0.dropLast().split(separator: ",").compactMap { Int($0) } } ?? []
        switch type.family {
        case .text: return (type.length ?? inside.first ?? 256) + 4
        case .decimal where inside.count == 2: return (inside[0] << 16 | inside[1]) + 4
        default: return -1
        }
    }

    /// The type id and modifier of a system table's SQLite column.
    static func systemColumnType(_ sqliteType: String) -> (oid: Int, typmod: Int) {
        switch sqliteType {
        case "INTEGER": return (20, -1)
        case "REAL": return (701, -1)
        case "BOOLEAN": return (16, -1)
        default: return (1043, -1)
        }
    }

    /// `pg_get_userbyid`: the user's name, or PostgreSQL's placeholder for an unknown id.
    static func userName(_ id: Int, session: SessionState) -> String {
        switch id {
        case systemUser: return "rdsdb"
        case masterUser: return session.user
        default: return "unknown (OID=\(id))"
        }
    }

    /// The catalog's functions psql calls, registered on each cluster's database.
    static func registerFunctions(on db: Database, session: SessionState) {
        db.add(function: DatabaseFunction("pg_get_userbyid", argumentCount: 1, pure: true) { v in
            Int.fromDatabaseValue(v[0]).map { userName($0, session: session) }
        })
        // Every relation of the catalog is on the search path ($user, public, pg_catalog).
        db.add(function: DatabaseFunction("pg_table_is_visible", argumentCount: 1, pure: true) { v in v[0].isNull ? nil : true })
        db.add(function: DatabaseFunction("format_type", argumentCount: 2, pure: true) { v in
            Int.fromDatabaseValue(v[0]).map { formatType($0, Int.fromDatabaseValue(v[1])) }
        })
        // Defaults are stored as their text (`adbin`), so decompiling one is reading it.
        db.add(function: DatabaseFunction("pg_get_expr", argumentCount: -1, pure: true) { v in
            v.first.flatMap { String.fromDatabaseValue($0) }
        })
        db.add(function: DatabaseFunction("pg_encoding_to_char", argumentCount: 1, pure: true) { v in
            Int.fromDatabaseValue(v[0]).map { $0 == 6 ? "UTF8" : $0 == 0 ? "SQL_ASCII" : "" }
        })
        // Arrays (ACLs, options) are kept as text already joined, or NULL.
        db.add(function: DatabaseFunction("array_to_string", argumentCount: -1, pure: true) { v in
            v.first.flatMap { String.fromDatabaseValue($0) }
        })
        db.add(function: DatabaseFunction("obj_description", argumentCount: -1, pure: true) { _ in nil as String? })
        // `a ~ 'pattern'`: SQLite calls regexp(pattern, a) for `a REGEXP 'pattern'`.
        db.add(function: DatabaseFunction("regexp", argumentCount: 2, pure: true) { v in
            guard let pattern = String.fromDatabaseValue(v[0]), let text = String.fromDatabaseValue(v[1]) else { return nil as Bool? }
            return try PGRegex.matches(pattern, text)
        })
    }
}

extension SystemTable {
    static let pgNamespace = SystemTable(name: "pg_namespace", columns: [
        ("oid", "INTEGER"), ("nspname", "TEXT"), ("nspowner", "INTEGER"), ("nspacl", "TEXT"),
    ]) { _ in
        [[v(PGCatalog.catalogNamespace), v("pg_catalog"), v(PGCatalog.systemUser), v(nil as String?)],
         [v(PGCatalog.publicNamespace), v("public"), v(PGCatalog.systemUser), v(nil as String?)],
         [v(PGCatalog.informationSchemaNamespace), v("information_schema"), v(PGCatalog.systemUser), v(nil as String?)]]
    }

    /// One relation: the user's tables in `public`, the system tables in `pg_catalog`.
    static let pgClass = SystemTable(name: "pg_class", columns: [
        ("oid", "INTEGER"), ("relname", "TEXT"), ("relnamespace", "INTEGER"), ("reltype", "INTEGER"), ("reloftype", "INTEGER"),
        ("relowner", "INTEGER"), ("relam", "INTEGER"), ("relfilenode", "INTEGER"), ("reltablespace", "INTEGER"),
        ("relpages", "INTEGER"), ("reltuples", "REAL"), ("reltoastrelid", "INTEGER"), ("relhasindex", "BOOLEAN"),
        ("relisshared", "BOOLEAN"), ("relpersistence", "TEXT"), ("relkind", "TEXT"), ("relnatts", "INTEGER"),
        ("relchecks", "INTEGER"), ("relhasoids", "BOOLEAN"), ("relhasrules", "BOOLEAN"), ("relhastriggers", "BOOLEAN"),
        ("relhassubclass", "BOOLEAN"), ("relrowsecurity", "BOOLEAN"), ("relforcerowsecurity", "BOOLEAN"),
        ("relispartition", "BOOLEAN"), ("relacl", "TEXT"), ("reloptions", "TEXT"),
    ]) { db in
        func row(_ oid: Int, _ name: String, _ namespace: Int, _ owner: Int, _ columns: Int, _ rows: Int) -> [DatabaseValue] {
            [v(oid), v(name), v(namespace), v(0), v(0), v(owner), v(0), v(oid), v(0), v(0), v(Double(rows)), v(0), v(false),
             v(false), v("p"), v("r"), v(columns), v(0), v(false), v(false), v(false), v(false), v(false), v(false), v(false),
             v(nil as String?), v(nil as String?)]
        }
        return db.tables.keys.sorted().compactMap { db.tables[$0] }.map {
            row($0.tableID, $0.name, PGCatalog.publicNamespace, PGCatalog.masterUser, $0.definition.columns.count, $0.totalRows)
        } + SystemTable.all.enumerated().map { k, t in
            let standard = t.name.hasPrefix(PGCatalog.informationSchemaPrefix)
            return row(PGCatalog.firstCatalogRelation + k, standard ? String(t.name.dropFirst(PGCatalog.informationSchemaPrefix.count)) : t.name,
                       standard ? PGCatalog.informationSchemaNamespace : PGCatalog.catalogNamespace, PGCatalog.systemUser, t.columns.count, 0)
        }
    }

    static let pgAttribute = SystemTable(name: "pg_attribute", columns: [
        ("attrelid", "INTEGER"), ("attname", "TEXT"), ("atttypid", "INTEGER"), ("attlen", "INTEGER"), ("attnum", "INTEGER"),
        ("atttypmod", "INTEGER"), ("attnotnull", "BOOLEAN"), ("atthasdef", "BOOLEAN"), ("attisdropped", "BOOLEAN"),
        ("attislocal", "BOOLEAN"), ("attinhcount", "INTEGER"), ("attcollation", "INTEGER"), ("attidentity", "TEXT"),
        ("attgenerated", "TEXT"), ("attacl", "TEXT"), ("attisdistkey", "BOOLEAN"), ("attsortkeyord", "INTEGER"),
        ("attencodingtype", "TEXT"),
    ]) { db in
        let lengths = Dictionary(uniqueKeysWithValues: PGCatalog.types.map { ($0.oid, $0.length) })
        let user = db.tables.keys.sorted().compactMap { db.tables[$0] }.flatMap { t in
            t.definition.columns.enumerated().map { k, c -> [DatabaseValue] in
                let sortPosition = (t.definition.sortKey.firstIndex(of: c.name).map { $0 + 1 }) ?? 0
                return [v(t.tableID), v(c.name), v(c.type.typeOID), v(lengths[c.type.typeOID] ?? -1), v(k + 1), v(PGCatalog.typmod(c.type)),
                        v(c.notNull), v(c.identity != nil), v(false), v(true), v(0), v(0), v(""), v(""), v(nil as String?),
                        v(t.distKey == c.name), v(sortPosition), v(c.encoding)]
            }
        }
        let system = SystemTable.all.enumerated().flatMap { n, t in
            t.columns.enumerated().map { k, c -> [DatabaseValue] in
                let (oid, typmod) = PGCatalog.systemColumnType(c.type)
                return [v(PGCatalog.firstCatalogRelation + n), v(c.name), v(oid), v(lengths[oid] ?? -1), v(k + 1), v(typmod),
                        v(false), v(false), v(false), v(true), v(0), v(0), v(""), v(""), v(nil as String?), v(false), v(0), v("none")]
            }
        }
        return user + system
    }

    /// Column defaults: the identity columns', in the form `SVV_COLUMNS.column_default` shows.
    static let pgAttrdef = SystemTable(name: "pg_attrdef", columns: [
        ("oid", "INTEGER"), ("adrelid", "INTEGER"), ("adnum", "INTEGER"), ("adbin", "TEXT"), ("adsrc", "TEXT"),
    ]) { db in
        db.tables.keys.sorted().compactMap { db.tables[$0] }.flatMap { t in
            t.definition.columns.enumerated().compactMap { k, c -> [DatabaseValue]? in
                guard let identity = c.identity else { return nil }
                let text = "\"identity\"(\(identity.seed), \(identity.step))"
                return [v(t.tableID * 1000 + k + 1), v(t.tableID), v(k + 1), v(text), v(text)]
            }
        }
    }

    static let pgType = SystemTable(name: "pg_type", columns: [
        ("oid", "INTEGER"), ("typname", "TEXT"), ("typnamespace", "INTEGER"), ("typowner", "INTEGER"), ("typlen", "INTEGER"),
        ("typbyval", "BOOLEAN"), ("typtype", "TEXT"), ("typrelid", "INTEGER"), ("typelem", "INTEGER"), ("typnotnull", "BOOLEAN"),
        ("typbasetype", "INTEGER"), ("typtypmod", "INTEGER"), ("typcollation", "INTEGER"),
    ]) { _ in
        PGCatalog.types.map { t in
            [v(t.oid), v(t.name), v(PGCatalog.catalogNamespace), v(PGCatalog.systemUser), v(t.length), v(t.length > 0 && t.length <= 8),
             v("b"), v(0), v(0), v(false), v(0), v(-1), v(0)]
        }
    }

    /// No collations beyond the database's: every column's `attcollation` is 0, as `typcollation` is.
    static let pgCollation = SystemTable(name: "pg_collation", columns: [
        ("oid", "INTEGER"), ("collname", "TEXT"), ("collnamespace", "INTEGER"),
    ]) { _ in [] }

    /// Redshift tables do not inherit; psql asks for parents and children of every table it describes.
    static let pgInherits = SystemTable(name: "pg_inherits", columns: [
        ("inhrelid", "INTEGER"), ("inhparent", "INTEGER"), ("inhseqno", "INTEGER"), ("inhdetachpending", "BOOLEAN"),
    ]) { _ in [] }

    /// The cluster's database (`DBName`), owned by `rdsdb`, in UTF8.
    static let pgDatabase = SystemTable(name: "pg_database", columns: [
        ("oid", "INTEGER"), ("datname", "TEXT"), ("datdba", "INTEGER"), ("encoding", "INTEGER"), ("datcollate", "TEXT"),
        ("datctype", "TEXT"), ("datistemplate", "BOOLEAN"), ("datallowconn", "BOOLEAN"), ("datconnlimit", "INTEGER"),
        ("datacl", "TEXT"),
    ]) { db in
        [[v(16_384), v(db.session.database), v(PGCatalog.systemUser), v(6), v("C"), v("C"), v(false), v(true), v(-1), v(nil as String?)]]
    }

    /// `information_schema.tables` and `.columns`, the standard's views of what `SVV_TABLES` and
    /// `SVV_COLUMNS` list (without Redshift's `remarks`). The leader names them
    /// `information_schema_tables` and `information_schema_columns` once the qualifier is read.
    static let informationSchemaTables = SystemTable(name: "information_schema_tables", columns: Array(svvTables.columns.prefix(4))) { db in
        svvTables.rows(db).map { Array($0.prefix(4)) }
    }

    static let informationSchemaColumns = SystemTable(name: "information_schema_columns", columns: Array(svvColumns.columns.prefix(11))) { db in
        svvColumns.rows(db).map { Array($0.prefix(11)) }
    }

    /// The catalog's boolean columns, whose 0 and 1 a result shows as `f` and `t`.
    static let booleanColumns: [String: Set<String>] = Dictionary(uniqueKeysWithValues: all.map { t in
        (t.name, Set(t.columns.filter { $0.type == "BOOLEAN" }.map(\.name)))
    })
}

import GRDB

/// COPY, UNLOAD and Spectrum: the statements that move data between S3 and the warehouse.
extension WarehouseDatabase {
    /// COPY's and UNLOAD's options, read from the words after the S3 path.
    struct TransferOptions {
        var format = "TEXT"
        var delimiter: Character = "|"
        var ignoreHeader = 0
        var maxError = 0
        var header = false
        var parallel = true
        var allowOverwrite = false
        var nullText = "\\N"
        var emptyAsNull = false
    }

    func transferOptions(_ tokens: ArraySlice<SQLToken>) throws(SQLError) -> TransferOptions {
        var o = TransferOptions()
        var i = tokens.startIndex
        func string(_ k: Int) throws(SQLError) -> String {
            guard k < tokens.endIndex, let s = tokens[k].stringValue else {
                throw SQLError(SQLError.syntax, "expected a quoted value after \(tokens[k - 1].text)", position: tokens[min(k, tokens.endIndex - 1)].offset + 1)
            }
            return s
        }
        func number(_ k: Int) throws(SQLError) -> Int {
            guard k < tokens.endIndex, let n = Int(tokens[k].text) else {
                throw SQLError(SQLError.syntax, "expected a number after \(tokens[k - 1].text)", position: tokens[min(k, tokens.endIndex - 1)].offset + 1)
            }
            return n
        }
        while i < tokens.endIndex {
            let t = tokens[i]
            switch t.keyword {
            case "FORMAT", "AS": i += 1
            case "CSV": o.format = "CSV"; if o.delimiter == "|" { o.delimiter = "," }; i += 1
            case "JSON":
                o.format = "JSON"; i += 1
                if i < tokens.endIndex, let s = tokens[i].stringValue {
                    guard s.lowercased().hasPrefix("auto") else {
                        throw SQLError(SQLError.featureNotSupported, "only JSON 'auto' is supported, not a JSONPaths file", position: tokens[i].offset + 1)
                    }
                    i += 1
                }
            case "PARQUET", "ORC", "AVRO":
                throw SQLError(SQLError.featureNotSupported, "\(t.text) is not supported here; use CSV, JSON 'auto' or text", position: t.offset + 1)
            case "DELIMITER":
                var k = i + 1
                if k < tokens.endIndex, tokens[k].isKeyword("AS") { k += 1 }
                let s = try string(k)
                let d = s == "\\t" ? "\t" : s
                guard d.count == 1 else { throw SQLError(SQLError.syntax, "DELIMITER must be one character", position: tokens[k].offset + 1) }
                o.delimiter = d.first!; i = k + 1
            case "IGNOREHEADER":
                var k = i + 1
                if k < tokens.endIndex, tokens[k].isKeyword("AS") { k += 1 }
                o.ignoreHeader = try number(k); i = k + 1
            case "MAXERROR":
                var k = i + 1
                if k < tokens.endIndex, tokens[k].isKeyword("AS") { k += 1 }
                o.maxError = try number(k); i = k + 1
            case "NULL":
                var k = i + 1
                if k < tokens.endIndex, tokens[k].isKeyword("AS") { k += 1 }
                o.nullText = try string(k); i = k + 1
            case "HEADER": o.header = true; i += 1
            case "PARALLEL":
                if i + 1 < tokens.endIndex, ["OFF", "FALSE"].contains(tokens[i + 1].keyword) { o.parallel = false; i += 2 }
                else { i += i + 1 < tokens.endIndex && ["ON", "TRUE"].contains(tokens[i + 1].keyword) ? 2 : 1 }
            case "ALLOWOVERWRITE": o.allowOverwrite = true; i += 1
            case "EMPTYASNULL", "BLANKSASNULL": o.emptyAsNull = true; i += 1
            case "IAM_ROLE", "CREDENTIALS", "REGION", "TIMEFORMAT", "DATEFORMAT", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN":
                i += 2
                if i < tokens.endIndex, tokens[i - 1].isKeyword("AS") { i += 1 }
            case "ACCEPTINVCHARS", "TRUNCATECOLUMNS", "STATUPDATE", "COMPUPDATE", "TRIMBLANKS", "FILLRECORD", "REMOVEQUOTES",
                 "ESCAPE", "MANIFEST", "ENCRYPTED", "ON", "OFF", "TRUE", "FALSE":
                i += 1
            case "GZIP", "BZIP2", "LZOP", "ZSTD":
                throw SQLError(SQLError.featureNotSupported, "compressed files (\(t.text)) are not supported here", position: t.offset + 1)
            default:
                throw SQLError(SQLError.syntax, "syntax error at or near \"\(t.text)\"", position: t.offset + 1)
            }
        }
        return o
    }

    /// `COPY table [(cols)] FROM 's3://bucket/prefix' [FORMAT AS] CSV|JSON 'auto' [IGNOREHEADER n] [DELIMITER 'x'] [MAXERROR n]`.
    func copy(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        guard tokens.count >= 4, let name = tokens[1].identifierName else {
            throw SQLError(SQLError.syntax, "COPY needs a table and FROM 's3://…'", position: tokens[0].offset + 1)
        }
        guard let table = tables[name] else { throw SQLError(SQLError.undefinedTable, "Cannot COPY into nonexistent table \(name)", position: tokens[1].offset + 1) }
        var i = 2
        var columns = table.definition.columns.filter { $0.identity == nil }
        if tokens[i].isSymbol("(") {
            let close = DialectRewriter.matchingParen(tokens, i)
            var chosen: [ColumnDefinition] = []
            for part in DialectRewriter.splitTopLevel(Array(tokens[(i + 1)..<close])) {
                guard let n = part.first?.identifierName, let c = table.definition.column(n) else {
                    throw SQLError(SQLError.undefinedColumn, "column \"\(part.first?.text ?? "")\" of relation \"\(name)\" does not exist", position: part.first.map { $0.offset + 1 })
                }
                chosen.append(c)
            }
            columns = chosen
            i = close + 1
        }
        guard i + 1 < tokens.count, tokens[i].isKeyword("FROM"), let uri = tokens[i + 1].stringValue else {
            throw SQLError(SQLError.syntax, "COPY needs FROM 's3://bucket/prefix'", position: tokens[min(i, tokens.count - 1)].offset + 1)
        }
        guard let location = S3Location(uri) else { throw SQLError("XX000", "Invalid S3 location \"\(uri)\": COPY reads from s3://bucket/prefix", position: tokens[i + 1].offset + 1) }
        let options = try transferOptions(tokens[(i + 2)...])
        guard let store = objectStore else { throw SQLError("XX000", "S3 is not available in this estate") }
        let objects = try store.objects(bucket: location.bucket, prefix: location.prefix)
        guard !objects.isEmpty else {
            throw SQLError("XX000", "The specified S3 prefix '\(location.prefix)' does not exist", position: tokens[i + 1].offset + 1)
        }
        var good: [[DatabaseValue]] = []
        var errors: [LoadErrorRecord] = []
        for object in objects {
            let file = "s3://\(location.bucket)/\(object.key)"
            let text = String(decoding: object.body, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            if lines.last == "" { lines.removeLast() }
            for (n, line) in lines.enumerated() where n >= options.ignoreHeader {
                if line.isEmpty && options.format != "JSON" { continue }
                switch LoadRowParser.parse(line, columns: columns, options: options) {
                case let .success(values): good.append(values)
                case let .failure(problem):
                    errors.append(LoadErrorRecord(query: currentQuery, tableID: table.tableID, fileName: file, lineNumber: n + 1,
                                                  columnName: problem.column, rawLine: String(line.prefix(1024)),
                                                  rawFieldValue: String(problem.value.prefix(1024)), errorCode: problem.code,
                                                  reason: problem.reason, startTime: session.now))
                }
            }
        }
        loadErrors += errors
        if loadErrors.count > 10_000 { loadErrors.removeFirst(loadErrors.count - 10_000) }
        if errors.count > options.maxError {
            throw SQLError("XX000", "Load into table '\(name)' failed.  Check 'stl_load_errors' system table for details.")
        }
        let columnList = columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        do {
            try queue.inTransaction { db in
                let insert = try db.makeStatement(sql: "INSERT INTO \(Self.quoted(name)) (\(columnList)) VALUES (\(marks))")
                for row in good { try insert.execute(arguments: StatementArguments(row)) }
                return .commit
            }
        } catch {
            throw SQLError("XX000", "Load into table '\(name)' failed: \(error)")
        }
        fillIdentities(name)
        afterWrite(name, kind: .load, changed: good.count)
        return StatementResult(commandTag: "COPY \(good.count)", rowsAffected: good.count)
    }

    /// `UNLOAD ('select …') TO 's3://bucket/prefix' [FORMAT CSV] [DELIMITER 'x'] [HEADER] [PARALLEL OFF] [ALLOWOVERWRITE]`:
    /// one file per slice (`prefix0000_part_00`, …) unless PARALLEL OFF (`prefix000`).
    func unload(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        guard tokens.count >= 6, tokens[1].isSymbol("("), let select = tokens[2].stringValue, tokens[3].isSymbol(")"),
              tokens[4].isKeyword("TO"), let uri = tokens[5].stringValue, let location = S3Location(uri) else {
            throw SQLError(SQLError.syntax, "UNLOAD needs ('select …') TO 's3://bucket/prefix'", position: tokens[0].offset + 1)
        }
        let options = try transferOptions(tokens[6...])
        guard let store = objectStore else { throw SQLError("XX000", "S3 is not available in this estate") }
        if !options.allowOverwrite, !(try store.objects(bucket: location.bucket, prefix: location.prefix)).isEmpty {
            throw SQLError("XX000", "Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.")
        }
        guard let result = try execute(select).last, result.hasResultSet else {
            throw SQLError(SQLError.syntax, "UNLOAD needs a query that returns rows", position: tokens[2].offset + 1)
        }
        let files = options.parallel ? topology.sliceCount : 1
        var bodies = Array(repeating: "", count: files)
        if options.header {
            for k in bodies.indices { bodies[k] = LoadRowParser.format(result.columns.map { .text($0.name) }, options) + "\n" }
        }
        for (n, row) in result.rows.enumerated() { bodies[n % files] += LoadRowParser.format(row, options) + "\n" }
        for (k, body) in bodies.enumerated() {
            let key = options.parallel ? location.prefix + String(format4(k)) + "_part_00" : location.prefix + "000"
            try store.putObject(bucket: location.bucket, key: key, body: Array(body.utf8))
        }
        return StatementResult(commandTag: "UNLOAD", rowsAffected: result.rows.count)
    }

    func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// `CREATE EXTERNAL SCHEMA name FROM DATA CATALOG …` and
    /// `CREATE EXTERNAL TABLE schema.t (cols) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE LOCATION 's3://…'`.
    func createExternal(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        guard tokens.count > 3 else { throw SQLError(SQLError.syntax, "incomplete CREATE EXTERNAL", position: tokens[0].offset + 1) }
        if tokens[2].isKeyword("SCHEMA") {
            var i = 3
            if i + 2 < tokens.count, tokens[i].isKeyword("IF") { i += 3 }
            guard i < tokens.count, let name = tokens[i].identifierName else { throw SQLError(SQLError.syntax, "expected a schema name", position: tokens[2].offset + 1) }
            guard tokens.contains(where: { $0.isKeyword("CATALOG") }) else {
                throw SQLError(SQLError.featureNotSupported, "external schemas come FROM DATA CATALOG here", position: tokens[i].offset + 1)
            }
            let database = tokens.firstIndex { $0.isKeyword("DATABASE") }.flatMap { k in k + 1 < tokens.count ? tokens[k + 1].stringValue : nil } ?? name
            if externalSchemas[name] == nil {
                do { try internalExecute("ATTACH DATABASE ':memory:' AS \(Self.quoted(name))") } catch {
                    throw SQLError("XX000", "could not create schema \(name): \(error)")
                }
            }
            externalSchemas[name] = database
            return StatementResult(commandTag: "CREATE EXTERNAL SCHEMA")
        }
        guard tokens[2].isKeyword("TABLE"), tokens.count > 6, let schema = tokens[3].identifierName, tokens[4].isSymbol("."),
              let name = tokens[5].identifierName else {
            throw SQLError(SQLError.syntax, "expected CREATE EXTERNAL TABLE schema.table (…)", position: tokens[2].offset + 1)
        }
        guard externalSchemas[schema] != nil else {
            throw SQLError("3F000", "External schema \"\(schema)\" does not exist", position: tokens[3].offset + 1)
        }
        guard tokens[6].isSymbol("(") else { throw SQLError(SQLError.syntax, "expected a column list", position: tokens[6].offset + 1) }
        let close = DialectRewriter.matchingParen(tokens, 6)
        var columns: [ColumnDefinition] = []
        for part in DialectRewriter.splitTopLevel(Array(tokens[7..<close])) {
            guard let n = part.first?.identifierName, let (type, _) = RedshiftType.read(part, at: 1) else {
                throw SQLError(SQLError.syntax, "expected a column name and type", position: part.first.map { $0.offset + 1 })
            }
            columns.append(ColumnDefinition(name: n, type: type, encoding: "none", notNull: false, identity: nil))
        }
        let rest = tokens[(close + 1)...]
        var delimiter: Character = "\u{1}"  // Hive's default field separator
        if let k = rest.firstIndex(where: { $0.isKeyword("TERMINATED") }), k + 2 < tokens.count, tokens[k + 1].isKeyword("BY"),
           let d = tokens[k + 2].stringValue {
            delimiter = d == "\\t" ? "\t" : d.first ?? ","
        }
        if let k = rest.firstIndex(where: { $0.isKeyword("STORED") }), k + 2 < tokens.count, !tokens[k + 2].isKeyword("TEXTFILE") {
            throw SQLError(SQLError.featureNotSupported, "only STORED AS TEXTFILE is supported here", position: tokens[k + 2].offset + 1)
        }
        guard let k = rest.firstIndex(where: { $0.isKeyword("LOCATION") }), k + 1 < tokens.count, let uri = tokens[k + 1].stringValue,
              S3Location(uri) != nil else {
            throw SQLError(SQLError.syntax, "an external table needs LOCATION 's3://…'", position: tokens[close].offset + 1)
        }
        var skip = 0
        if let p = rest.firstIndex(where: { $0.isKeyword("PROPERTIES") }) {
            let props = tokens[p...].compactMap(\.stringValue)
            if let at = props.firstIndex(of: "skip.header.line.count"), at + 1 < props.count { skip = Int(props[at + 1]) ?? 0 }
        }
        let key = "\(schema).\(name)"
        let definition = columns.map { "\(Self.quoted($0.name)) \($0.type.sqliteType)" }.joined(separator: ", ")
        do {
            try internalExecute("DROP TABLE IF EXISTS \(Self.quoted(schema)).\(Self.quoted(name))")
            try internalExecute("CREATE TABLE \(Self.quoted(schema)).\(Self.quoted(name)) (\(definition), \"$path\" TEXT, \"$size\" INTEGER)")
        } catch {
            throw SQLError("XX000", "could not create external table \(key): \(error)")
        }
        externalTables[key] = ExternalTable(schema: schema, name: name, columns: columns, location: uri, delimiter: delimiter, skipHeaderLines: skip)
        return StatementResult(commandTag: "CREATE EXTERNAL TABLE")
    }

    /// Reads the S3 files of each external table a statement names, as Spectrum scans them at
    /// query time; counts the bytes scanned.
    func refreshExternalTables(mentionedIn tokens: [SQLToken]) throws(SQLError) {
        var k = 0
        var seen: Set<String> = []
        while k + 2 < tokens.count {
            defer { k += 1 }
            guard let schema = tokens[k].identifierName, externalSchemas[schema] != nil, tokens[k + 1].isSymbol("."),
                  let name = tokens[k + 2].identifierName, let table = externalTables["\(schema).\(name)"], !seen.contains("\(schema).\(name)") else { continue }
            seen.insert("\(schema).\(name)")
            guard let store = objectStore, let location = S3Location(table.location) else { continue }
            let objects = try store.objects(bucket: location.bucket, prefix: location.prefix)
            var options = TransferOptions()
            options.delimiter = table.delimiter
            options.emptyAsNull = true
            var rows: [[DatabaseValue]] = []
            for object in objects {
                spectrumBytesScanned += object.body.count
                let lines = String(decoding: object.body, as: UTF8.self).split(separator: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
                for line in lines.dropFirst(table.skipHeaderLines) where !line.isEmpty {
                    // Spectrum turns a field it cannot read into NULL rather than failing the query.
                    let values = LoadRowParser.lenient(line, columns: table.columns, options: options)
                    rows.append(values + ["s3://\(location.bucket)/\(object.key)".databaseValue, object.body.count.databaseValue])
                }
            }
            let marks = Array(repeating: "?", count: table.columns.count + 2).joined(separator: ", ")
            do {
                try queue.inTransaction { db in
                    try db.execute(sql: "DELETE FROM \(Self.quoted(schema)).\(Self.quoted(name))")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(Self.quoted(schema)).\(Self.quoted(name)) VALUES (\(marks))")
                    for r in rows { try insert.execute(arguments: StatementArguments(r)) }
                    return .commit
                }
            } catch {
                throw SQLError("XX000", "Spectrum scan of \(schema).\(name) failed: \(error)")
            }
        }
    }
}

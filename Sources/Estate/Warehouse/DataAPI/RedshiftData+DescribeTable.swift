/// `redshift-data describe-table`: a table's columns from the cluster's catalog, in the Data API's
/// `ColumnMetadata` shape. It reads the catalog only, so it takes no WLM slot and no virtual time
/// (the Data API answers it from metadata, not by running a query).
extension RedshiftDataService {
    /// Columns per page when no MaxResults is given, the most AWS returns.
    static let describeTablePageSize = 1000

    func describeTable(_ p: Parameters) throws(AWSError) -> JSONValue {
        guard let clusterID = try p.string("ClusterIdentifier") else {
            throw .validation("Either ClusterIdentifier or WorkgroupName is required; this estate has provisioned clusters only.")
        }
        let cluster = try warehouse.queryableCluster(clusterID)
        let database = try p.requiredString("Database")
        guard database == cluster.dbName else { throw .validation("database \"\(database)\" does not exist") }
        let schema = try p.string("Schema")
        guard schema == nil || schema == "public" else {
            throw AWSError("ResourceNotFoundException", "Schema \(schema!) not found in database \(database); user tables live in public.")
        }
        let maxResults = try p.int("MaxResults") ?? Self.describeTablePageSize
        guard (0...Self.describeTablePageSize).contains(maxResults) else { throw .validation("MaxResults must be from 0 to 1000.") }
        // With no table, AWS answers with nothing to describe: an empty column list.
        guard let name = try p.string("Table") else { return ["ColumnList": []] }
        guard let table = cluster.database.tables[name.lowercased()] else {
            throw AWSError("ResourceNotFoundException", "Table \(name) not found in schema public of database \(database).")
        }
        let columns = table.definition.columns
        var start = 0
        if let token = try p.string("NextToken") {
            guard let n = Int(token), n > 0, n < columns.count else { throw .validation("Invalid NextToken '\(token)'.") }
            start = n
        }
        let page = columns[start..<min(columns.count, start + (maxResults == 0 ? Self.describeTablePageSize : maxResults))]
        var pairs: [(String, JSONValue)] = [
            ("ColumnList", .array(page.map { Self.columnMetadata($0, table: table.name) })),
            ("TableName", .string(table.name)),
        ]
        if start + page.count < columns.count { pairs.append(("NextToken", .string(String(start + page.count)))) }
        return .object(pairs)
    }

    /// One column as the Data API's `ColumnMetadata` describes a declared column: the type's
    /// short name, the declared length of text, a numeric's precision and scale, and nullable
    /// 0 for NOT NULL (JDBC's columnNoNulls) or 1.
    static func columnMetadata(_ c: ColumnDefinition, table: String) -> JSONValue {
        let typeName = ResultTyping.typeName(c.type)
        var precision = 0, scale = 0
        switch c.type.family {
        case .decimal:
            // `numeric(p,s)`
            let digits = c.type.name.drop { $0 != "(" }.dropFirst().dropLast().split(separator: ",").compactMap { Int($0) }
            precision = digits.first ?? 18
            scale = digits.count > 1 ? digits[1] : 0
        case .text: precision = c.type.length ?? 0
        case .integer: precision = typeName == "int8" ? 19 : typeName == "int2" ? 5 : 10
        case .float: precision = typeName == "float4" ? 8 : 17
        default: break
        }
        // columnDefault is left out: the catalog keeps no defaults but IDENTITY's, whose text
        // Redshift prints in an internal form this estate does not model.
        let pairs: [(String, JSONValue)] = [
            ("isCaseSensitive", .bool(c.type.family == .text)),
            ("isCurrency", false),
            ("isSigned", .bool([.integer, .decimal, .float].contains(c.type.family))),
            ("label", .string(c.name)),
            ("length", .int(Int64(c.type.length ?? 0))),
            ("name", .string(c.name)),
            ("nullable", .int(c.notNull ? 0 : 1)),
            ("precision", .int(Int64(precision))),
            ("scale", .int(Int64(scale))),
            ("schemaName", "public"),
            ("tableName", .string(table)),
            ("typeName", .string(typeName)),
        ]
        return .object(pairs)
    }
}

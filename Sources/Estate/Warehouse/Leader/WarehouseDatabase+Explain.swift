extension WarehouseDatabase {
    func explain(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let plan = try QueryPlanner(database: self).plan(Array(tokens.dropFirst().drop { $0.isKeyword("VERBOSE") }))
        return StatementResult(columns: [ResultColumn(name: "QUERY PLAN", typeName: "varchar", typeOID: 1043, tableName: "")],
                               rows: plan.lines.map { [.text($0)] }, commandTag: "EXPLAIN")
    }
}

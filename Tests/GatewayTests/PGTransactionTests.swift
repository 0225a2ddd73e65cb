import Estate
import Testing
@testable import Gateway

/// Transaction-control statements as PostgreSQL reads them, and the block's status and savepoints.
@Suite struct PGTransactionTests {
    @Test func controlStatementsInPostgreSQLsSpellings() {
        #expect(PGTransaction.control("BEGIN") == .begin)
        #expect(PGTransaction.control("begin work;") == .begin)
        #expect(PGTransaction.control("START TRANSACTION") == .begin)
        #expect(PGTransaction.control("START") == nil)
        #expect(PGTransaction.control("END") == .commit)
        #expect(PGTransaction.control("COMMIT TRANSACTION") == .commit)
        #expect(PGTransaction.control("ABORT") == .rollback)
        #expect(PGTransaction.control("ROLLBACK WORK") == .rollback)
        // Unquoted names fold to lower case; quoted ones keep theirs.
        #expect(PGTransaction.control("SAVEPOINT Before_Load") == .savepoint("before_load"))
        #expect(PGTransaction.control("ROLLBACK TO SAVEPOINT \"Mixed\"") == .rollbackTo("Mixed"))
        #expect(PGTransaction.control("ROLLBACK TRANSACTION TO s1") == .rollbackTo("s1"))
        #expect(PGTransaction.control("RELEASE SAVEPOINT s1") == .release("s1"))
        #expect(PGTransaction.control("RELEASE s1") == .release("s1"))
        #expect(PGTransaction.control("BEGIN; DELETE FROM t") == nil, "a query of several statements is split first")
        #expect(PGTransaction.control("SELECT 1") == nil)
    }

    @Test func savepointsNestAndTheNewestOfANameIsMeant() throws {
        var block = PGTransaction()
        block.begin()
        block.addSavepoint("a", at: .start)
        block.addSavepoint("b", at: .start)
        block.addSavepoint("a", at: .start)
        #expect(try block.savepoint("a").get().index == 2)
        block.failed()
        #expect(block.refusal?.code == "25P02")
        // ROLLBACK TO keeps the savepoint, drops later ones, and makes a failed block usable.
        block.rolledBack(toSavepointAt: 1)
        #expect(block.savepoints.map(\.name) == ["a", "b"] && !block.isFailed)
        block.released(savepointAt: 0)
        #expect(block.savepoints.isEmpty)
        if case let .failure(error) = block.savepoint("a") { #expect(error.code == "3B001") } else { Issue.record("a was released") }
        block.end()
        #expect(!block.inBlock && block.status == UInt8(ascii: "I"))
    }

    /// The implicit block around a message of several statements: no savepoints in it, BEGIN
    /// makes it a regular block, and its end leaves the connection idle.
    @Test func anImplicitBlockTakesNoSavepointsAndBeginMakesItRegular() {
        var block = PGTransaction()
        block.beginImplicit()
        #expect(block.inBlock && block.isImplicit)
        #expect(block.savepointRefusal?.code == "25P01")
        block.begin()
        #expect(block.inBlock && !block.isImplicit && block.savepointRefusal == nil)
        block.end()
        #expect(!block.inBlock && !block.isImplicit && block.status == UInt8(ascii: "I"))
        // Inside a regular block a message's statements simply continue it.
        block.begin()
        block.beginImplicit()
        #expect(!block.isImplicit)
    }

    /// Which statements can share a block: the undo log takes back rows and CREATE/DROP TABLE,
    /// not views or indexes; VACUUM may join one only to be refused there, as PostgreSQL refuses it.
    @Test func onlyDDLTheUndoLogCannotTakeBackKeepsAMessageOutOfABlock() {
        #expect(WarehouseDatabase.canRunInBlock("INSERT INTO t VALUES (1)"))
        #expect(WarehouseDatabase.canRunInBlock("create temp table x (a int)"))
        #expect(WarehouseDatabase.canRunInBlock("DROP TABLE t"))
        #expect(WarehouseDatabase.canRunInBlock("VACUUM t"))
        #expect(!WarehouseDatabase.canRunInBlock("CREATE VIEW v AS SELECT 1"))
        #expect(!WarehouseDatabase.canRunInBlock("/* note */ drop view v"))
        #expect(!WarehouseDatabase.canRunInBlock("CREATE INDEX i ON t (a)"))
    }
}

/// The ends of a PostgreSQL connection's transaction block and its savepoints, on the cluster its
/// statements ran on (`runStatement` with `SQLVerb.block`). A block that ran nothing is a no-op.
extension Estate {
    /// COMMIT (`commit`) or ROLLBACK of the whole block.
    public func endBlock(_ block: Int, cluster: String?, commit: Bool) -> SQLError? {
        guard let database = sqlCluster(cluster)?.database else { return nil }
        if commit {
            database.commitBlock(block)
            return nil
        }
        do { try database.rollbackBlock(block) } catch { return error }
        return nil
    }

    /// Where the block's undo log stands now, for `SAVEPOINT`.
    public func blockMark(cluster: String?) -> UndoMark {
        sqlCluster(cluster)?.database.undoMark() ?? .start
    }

    /// `ROLLBACK TO SAVEPOINT`: undoes what the block did after `mark`; the block goes on.
    public func rollbackBlock(_ block: Int, cluster: String?, to mark: UndoMark) -> SQLError? {
        guard let database = sqlCluster(cluster)?.database else { return nil }
        do { try database.rollbackBlock(block, to: mark) } catch { return error }
        return nil
    }
}

#pragma once
// Crash recovery, ARIES-lite (architecture-anchors §2.7 rule 9; PostgreSQL's StartupXLOG for the messages):
//
//   analysis  from the last CHECKPOINT record to the end of the log: the transactions that never ended
//             (seeded from the checkpoint's table): losers (no COMMIT), committed-not-ended, aborted-not-ended.
//             The end of the log is the first record whose length, CRC or LSN does not match; the WAL is
//             truncated there (LogManager::Start).
//   redo      from the checkpoint's redo LSN, repeating history for every transaction: a page change is
//             applied when the page LSN is older than the record; FPIs overwrite the page; pages beyond
//             the end of the file are added; pages failing their checksum read as new (an FPI restores
//             them); records of files that no longer exist are skipped; FILE_CREATE / FILE_DROP redone.
//   finish    committed-not-ended transactions: apply their MARKDELETEs and BTREE_DELETE_PENDINGs that are
//             still pending (no later APPLYDELETE / BTREE_DELETE of the same slot / entry), then END;
//             aborted-not-ended: END.
//   undo      losers in descending LSN order (a max-heap of next LSNs), writing a CLR per undone record and
//             following undo_next_lsn through CLRs, so a crash during recovery never undoes twice; then ABORT
//             and END for each.
//
// The caller (StorageEngine) then takes a checkpoint.

#include "control_file.h"
#include "storage/storage_engine.h"

namespace lumadb::storage {

/// Runs analysis, redo, finish and undo from `control`'s checkpoint. Leaves the log started at the end of
/// the valid WAL with the recovery's own records flushed. Throws XX001 "could not locate a valid checkpoint
/// record" if the checkpoint record is unreadable, XX000 when a page does not match its WAL (a broken
/// invariant).
RecoveryStats RunRecovery(StorageEngine& engine, const ControlData& control);

/// "0/1A2B3C": an LSN as PostgreSQL prints it (high and low 32 bits in hex).
std::string FormatLsn(Lsn lsn);

}  // namespace lumadb::storage

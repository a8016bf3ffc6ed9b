// Many local edits in one durable transaction: one commit (one fsync of the WAL) instead of
// one per record, so an import of thousands of households takes seconds, not a minute.
#include "core/store/store_state.hpp"

namespace c5 {
namespace {

// Forgets what the failed batch put in memory and reads the records back from the file,
// which holds what was committed before the batch.
Result<void> reload_records(Store::State& s) {
    s.records.clear();
    s.damaged.clear();
    s.search_text.clear();
    if (auto ok = store_rows::load_records(s, nullptr); !ok) return ok;
    return store_rows::load_unsynced(s);
}

}  // namespace

Result<void> Store::batch(const std::function<Result<void>(Store&)>& work) {
    State& s = *state_;
    const std::string context = "batch of edits";
    if (s.in_batch) return fail(ErrorKind::InvalidInput, context + ": already inside a batch");
    auto tx = sql::Transaction::begin(s.db);
    if (!tx) return std::unexpected(tx.error().with_context(context));

    Result<void> outcome;
    {
        // Cleared however the work ends, an exception included.
        struct BatchFlag {
            bool& flag;
            ~BatchFlag() { flag = false; }
        } flag{s.in_batch};
        s.in_batch = true;
        outcome = work(*this);
    }
    if (outcome) outcome = with_context(tx->commit(), context);
    if (outcome) return outcome;

    { sql::Transaction rolled_back = std::move(*tx); }  // rolls back unless it committed
    if (auto ok = reload_records(s); !ok) {
        return std::unexpected(ok.error().with_context(context + ": reloading after a failure"));
    }
    return outcome;
}

bool Store::in_batch() const {
    return state_->in_batch;
}

}  // namespace c5

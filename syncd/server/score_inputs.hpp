// The scoring inputs of each household record (table score_inputs, schema 003): the few
// non-personal fields the criteria read, kept in clear beside the sealed record and written
// in the transaction that merges it, so rescoring a ward never opens sealed records.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/merge/versioned_record.hpp"
#include "core/records/form_record.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

// Which records are projected (those of `form`) and which of their fields, in index order.
struct ScoreInputLayout {
    std::string form;
    std::vector<std::string> fields;
};

// The household form of the criteria and the fields its scoring reads: household code,
// group, visit outcome and time, and every field a share rule counts, sorted. Errors:
// InvalidInput when the form marks one of them personal (it would be stored in clear).
[[nodiscard]] Result<ScoreInputLayout> score_input_layout(const Definitions& defs);

// The projected fields of a merged record (its winning values, as flatten() gives them).
Bytes encode_score_inputs(const ScoreInputLayout& layout, const VersionedRecord& record);

// The FormRecord scoring sees for a projected record: what flatten() gives, reduced to the
// layout's fields. Errors: Damaged when the blob does not decode.
[[nodiscard]] Result<FormRecord> decode_score_inputs(const ScoreInputLayout& layout,
                                                     const RecordId& id,
                                                     const std::string& unit_code,
                                                     std::span<const std::uint8_t> inputs);

// Fills score_inputs from the sealed records when it was filled with another layout (or
// never, after migration 003), inside the caller's transaction, and returns the layout it
// now holds. Errors: InvalidInput (see score_input_layout), Damaged, Io.
[[nodiscard]] Result<ScoreInputLayout> ensure_score_inputs(Database& db, const ServerContext& ctx);

// Keeps score_inputs in step with merged records, with its statements prepared once for a
// whole merge.
class ScoreInputWriter {
public:
    // For the layout ensure_score_inputs returned. Errors: Io.
    [[nodiscard]] static Result<ScoreInputWriter> prepare(Database& db, ScoreInputLayout layout);

    // Drops the record's row under `previous_unit` (its unit before this merge, nullopt for
    // a new record) and writes its row when it is a projected form and not deleted.
    // Errors: Io.
    [[nodiscard]] Result<void> save(const std::optional<std::string>& previous_unit,
                                    const VersionedRecord& record);

private:
    ScoreInputWriter(ScoreInputLayout layout, Statement remove, Statement insert)
        : layout_(std::move(layout)), remove_(std::move(remove)), insert_(std::move(insert)) {}

    ScoreInputLayout layout_;
    Statement remove_;
    Statement insert_;
};

// The projected records of one unit, ordered by record id (as merged_records orders them).
// Errors: Damaged, Io.
[[nodiscard]] Result<std::vector<FormRecord>> unit_score_inputs(Database& db,
                                                                const ScoreInputLayout& layout,
                                                                const std::string& unit_code);

// Reads score_inputs in one ordered scan and calls `visit` once per unit that has rows, in
// unit code order, with its records ordered by id. Stops at the first error `visit` returns.
// Errors: Damaged, Io, or visit's.
using UnitInputsVisitor =
    std::function<Result<void>(const std::string& unit_code, std::vector<FormRecord>& records)>;
[[nodiscard]] Result<void> scan_score_inputs(Database& db, const ScoreInputLayout& layout,
                                             const UnitInputsVisitor& visit);

}  // namespace c5::syncd

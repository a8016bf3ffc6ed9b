// The scoring inputs table: its layout from the criteria, the compact encoding of a row,
// filling it from sealed records, keeping it in step with merges and reading it back.
#include "syncd/server/score_inputs.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "syncd/server/sealing.hpp"

namespace c5::syncd {
namespace {

// The fields core/scoring/household_content.cpp reads besides those of the share rules.
constexpr const char* kHouseholdFields[] = {"household_code", "group", "visit_outcome",
                                            "visited_at"};

enum class Tag : std::uint8_t { False = 0, True = 1, Integer = 2, Text = 3 };

std::string joined(const std::vector<std::string>& fields) {
    std::string out;
    for (const std::string& f : fields) out += (out.empty() ? "" : ",") + f;
    return out;
}

void put_u64(Bytes& out, std::uint64_t n) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
}

void put_value(Bytes& out, const Value& value) {
    if (const auto* b = std::get_if<bool>(&value)) {
        out.push_back(static_cast<std::uint8_t>(*b ? Tag::True : Tag::False));
    } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
        out.push_back(static_cast<std::uint8_t>(Tag::Integer));
        put_u64(out, static_cast<std::uint64_t>(*n));
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        out.push_back(static_cast<std::uint8_t>(Tag::Text));
        put_u64(out, s->size());
        out.insert(out.end(), s->begin(), s->end());
    }
}

// A cursor over an encoded row that fails instead of reading past its end.
struct Reader {
    std::span<const std::uint8_t> bytes;
    std::size_t at = 0;

    bool take(std::size_t n) {
        if (bytes.size() - at < n) return false;
        at += n;
        return true;
    }

    bool u64(std::uint64_t& n) {
        if (!take(8)) return false;
        n = 0;
        for (int i = 0; i < 8; ++i) n |= std::uint64_t{bytes[at - 8 + i]} << (8 * i);
        return true;
    }
};

bool read_value(Reader& in, Value& value) {
    if (!in.take(1)) return false;
    switch (static_cast<Tag>(in.bytes[in.at - 1])) {
        case Tag::False:
            value = false;
            return true;
        case Tag::True:
            value = true;
            return true;
        case Tag::Integer: {
            std::uint64_t n = 0;
            if (!in.u64(n)) return false;
            value = static_cast<std::int64_t>(n);
            return true;
        }
        case Tag::Text: {
            std::uint64_t size = 0;
            if (!in.u64(size) || size > in.bytes.size() || !in.take(size)) return false;
            const auto* text = reinterpret_cast<const char*>(in.bytes.data() + in.at - size);
            value = std::string(text, size);
            return true;
        }
    }
    return false;
}

RecordId record_id_of(const Bytes& bytes) {
    RecordId id;
    std::copy_n(bytes.begin(), std::min<std::size_t>(bytes.size(), 16), id.bytes.begin());
    return id;
}

Result<std::optional<std::string>> stored_layout(Database& db) {
    auto select = db.prepare("SELECT form || ':' || fields FROM score_input_layout WHERE id = 1");
    if (!select) return std::unexpected(select.error());
    auto row = select->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(select->column_text(0));
}

// Empties score_inputs and projects every live record of the layout's form into it.
Result<void> refill(Database& db, const ServerContext& ctx, const ScoreInputLayout& layout) {
    if (auto r = db.exec("DELETE FROM score_inputs"); !r) return r;
    auto writer = ScoreInputWriter::prepare(db, layout);
    if (!writer) return std::unexpected(writer.error());
    auto select =
        db.prepare("SELECT record_id, sealed_state FROM records WHERE form = ? AND deleted = 0");
    if (!select) return std::unexpected(select.error());
    select->bind(1, layout.form);
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const RecordId id = record_id_of(select->column_blob(0));
        auto record = open_record_state(ctx.keys.data_key, id, select->column_blob(1));
        if (!record) return std::unexpected(record.error());
        if (auto r = writer->save(std::nullopt, *record); !r) return r;
    }
    auto save = db.prepare(
        "INSERT INTO score_input_layout (id, form, fields) VALUES (1, ?1, ?2) "
        "ON CONFLICT (id) DO UPDATE SET form = ?1, fields = ?2");
    if (!save) return std::unexpected(save.error());
    save->bind(1, layout.form).bind(2, joined(layout.fields));
    return save->run();
}

}  // namespace

Result<ScoreInputLayout> score_input_layout(const Definitions& defs) {
    const std::string& form_id = defs.criteria.household_form;
    std::set<std::string> fields(std::begin(kHouseholdFields), std::end(kHouseholdFields));
    for (const AnnexDef& annex : defs.criteria.annexes) {
        for (const ContentDef& content : annex.contents) {
            for (const ShareRule& rule : content.shares) {
                fields.insert(rule.fields.begin(), rule.fields.end());
                if (!rule.numerator.empty()) fields.insert(rule.numerator);
                if (!rule.denominator.empty()) fields.insert(rule.denominator);
            }
        }
    }
    auto form = defs.forms.find(form_id);
    for (const std::string& field : fields) {
        const FieldDef* def = form == defs.forms.end() ? nullptr : form->second.find(field);
        if (def && def->personal) {
            return fail(ErrorKind::InvalidInput,
                        "criteria: scoring reads field " + field + " of form " + form_id +
                            ", which the form marks personal; syncd keeps scoring inputs in "
                            "clear and will not keep a personal field so");
        }
    }
    return ScoreInputLayout{form_id, std::vector<std::string>(fields.begin(), fields.end())};
}

Bytes encode_score_inputs(const ScoreInputLayout& layout, const VersionedRecord& record) {
    Bytes out;
    for (std::size_t i = 0; i < layout.fields.size(); ++i) {
        const Value& value = record.value(layout.fields[i]);
        if (is_empty(value)) continue;
        out.push_back(static_cast<std::uint8_t>(i));
        put_value(out, value);
    }
    return out;
}

Result<FormRecord> decode_score_inputs(const ScoreInputLayout& layout, const RecordId& id,
                                       const std::string& unit_code,
                                       std::span<const std::uint8_t> inputs) {
    FormRecord record;
    record.record_id = to_string(id);
    record.form = layout.form;
    record.unit_code = unit_code;
    record.source = "store:" + record.record_id;
    Reader in{inputs};
    while (in.at < inputs.size()) {
        const std::size_t index = inputs[in.at++];
        Value value;
        if (index >= layout.fields.size() || !read_value(in, value)) {
            return fail(ErrorKind::Damaged, "the scoring inputs of record " + record.record_id +
                                                " do not decode (run `syncd rescore`)");
        }
        record.values.emplace_hint(record.values.end(), layout.fields[index], std::move(value));
    }
    return record;
}

Result<ScoreInputLayout> ensure_score_inputs(Database& db, const ServerContext& ctx) {
    auto layout = score_input_layout(ctx.definitions);
    if (!layout) return std::unexpected(layout.error());
    auto stored = stored_layout(db);
    if (!stored) return std::unexpected(stored.error());
    if (*stored && **stored == layout->form + ":" + joined(layout->fields)) return layout;
    if (auto filled = refill(db, ctx, *layout); !filled) return std::unexpected(filled.error());
    return layout;
}

Result<ScoreInputWriter> ScoreInputWriter::prepare(Database& db, ScoreInputLayout layout) {
    auto remove = db.prepare("DELETE FROM score_inputs WHERE unit_code = ? AND record_id = ?");
    if (!remove) return std::unexpected(remove.error());
    auto insert = db.prepare(
        "INSERT OR REPLACE INTO score_inputs (unit_code, record_id, inputs) VALUES (?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    return ScoreInputWriter(std::move(layout), std::move(*remove), std::move(*insert));
}

Result<void> ScoreInputWriter::save(const std::optional<std::string>& previous_unit,
                                    const VersionedRecord& record) {
    const std::span<const std::uint8_t> id = record.id().bytes;
    if (previous_unit) {
        remove_.reset();
        if (auto r = remove_.bind(1, *previous_unit).bind(2, id).run(); !r) return r;
    }
    if (record.form() != layout_.form || record.deleted()) return {};
    insert_.reset();
    insert_.bind(1, record.unit_code()).bind(2, id).bind(3, encode_score_inputs(layout_, record));
    return insert_.run();
}

Result<std::vector<FormRecord>> unit_score_inputs(Database& db, const ScoreInputLayout& layout,
                                                  const std::string& unit_code) {
    std::vector<FormRecord> out;
    auto select = db.prepare(
        "SELECT record_id, inputs FROM score_inputs WHERE unit_code = ? ORDER BY record_id");
    if (!select) return std::unexpected(select.error());
    select->bind(1, unit_code);
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return out;
        auto record = decode_score_inputs(layout, record_id_of(select->column_blob(0)), unit_code,
                                          select->column_blob(1));
        if (!record) return std::unexpected(record.error());
        out.push_back(std::move(*record));
    }
}

Result<void> scan_score_inputs(Database& db, const ScoreInputLayout& layout,
                               const UnitInputsVisitor& visit) {
    auto select = db.prepare(
        "SELECT unit_code, record_id, inputs FROM score_inputs ORDER BY unit_code, record_id");
    if (!select) return std::unexpected(select.error());
    std::string unit;
    std::vector<FormRecord> records;
    while (true) {
        auto row = select->step();
        if (!row) return std::unexpected(row.error());
        const std::string next = *row ? select->column_text(0) : std::string();
        if (!records.empty() && (!*row || next != unit)) {
            if (auto r = visit(unit, records); !r) return r;
            records.clear();
        }
        if (!*row) return {};
        unit = next;
        auto record = decode_score_inputs(layout, record_id_of(select->column_blob(1)), unit,
                                          select->column_blob(2));
        if (!record) return std::unexpected(record.error());
        records.push_back(std::move(*record));
    }
}

}  // namespace c5::syncd

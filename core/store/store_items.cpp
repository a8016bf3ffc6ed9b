// Small named items sealed under the store key: the device's sync keys and a push waiting
// for its acknowledgement live here, never in clear.
#include "core/store/store_state.hpp"

namespace c5 {

Result<void> Store::put_sealed(std::string_view name, std::span<const std::uint8_t> bytes) {
    State& s = *state_;
    auto stmt = s.db.prepare(
        "INSERT INTO sealed_items (name, sealed_value, changed_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (name) DO UPDATE SET sealed_value = excluded.sealed_value, "
        "changed_ms = excluded.changed_ms");
    if (!stmt) return std::unexpected(stmt.error().with_context("store sealed item"));
    stmt->bind(1, name).bind(2, sealing::seal_item(s.key, name, bytes)).bind(3, s.now_ms());
    return with_context(stmt->run(), "store sealed item '" + std::string(name) + "'");
}

Result<std::optional<Bytes>> Store::get_sealed(std::string_view name) const {
    const std::string context = "read sealed item '" + std::string(name) + "'";
    State& s = *state_;
    auto stmt = s.db.prepare("SELECT sealed_value FROM sealed_items WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error().with_context(context));
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error().with_context(context));
    if (!*row) return std::optional<Bytes>();
    auto bytes = sealing::open_item(s.key, name, stmt->column_blob(0));
    if (!bytes) return std::unexpected(bytes.error().with_context(context));
    return std::optional<Bytes>(std::move(*bytes));
}

Result<void> Store::erase_sealed(std::string_view name) {
    auto stmt = state_->db.prepare("DELETE FROM sealed_items WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error().with_context("erase sealed item"));
    stmt->bind(1, name);
    return with_context(stmt->run(), "erase sealed item '" + std::string(name) + "'");
}

}  // namespace c5

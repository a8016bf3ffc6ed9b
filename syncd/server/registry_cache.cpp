// Parsing the stored registry once per imported text.
#include "syncd/server/registry_cache.hpp"

#include "syncd/server/server_context.hpp"

namespace c5::syncd {

Result<std::shared_ptr<const Registry>> RegistryCache::get(Database& db) const {
    auto text = load_registry_csv(db);
    if (!text) return std::unexpected(text.error());
    if (text->empty()) return std::shared_ptr<const Registry>();

    const std::lock_guard lock(mutex_);
    if (parsed_ && *text == text_) return parsed_;
    auto registry = parse_stored_registry(*text);
    if (!registry) return std::unexpected(registry.error());
    parsed_ = std::make_shared<const Registry>(std::move(*registry));
    text_ = std::move(*text);
    return parsed_;
}

}  // namespace c5::syncd

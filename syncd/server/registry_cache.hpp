// The parsed registry kept between requests. Parsing the stored CSV of a province (thousands
// of units) costs more than most pushes' own work, and every push, pull and rescore needs
// the registry; the stored text is still read each time, so an import is seen at once.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/registry/registry.hpp"
#include "core/util/result.hpp"
#include "syncd/server/database.hpp"

namespace c5::syncd {

class RegistryCache {
public:
    // The stored registry, parsed again only when its text differs from the last one parsed;
    // null before `syncd import-registry`. Safe from any request thread. Errors: Damaged, Io.
    [[nodiscard]] Result<std::shared_ptr<const Registry>> get(Database& db) const;

private:
    mutable std::mutex mutex_;
    mutable std::string text_;
    mutable std::shared_ptr<const Registry> parsed_;
};

}  // namespace c5::syncd

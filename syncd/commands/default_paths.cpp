// Default locations of the definitions in forms/.
#include "syncd/commands/default_paths.hpp"

#include <cstdlib>

namespace c5::syncd {

std::string default_forms_dir() {
    if (const char* dir = std::getenv("C5_FORMS_DIR"); dir && *dir) return dir;
    return std::string(C5_SOURCE_DIR) + "/forms";
}

std::string default_criteria_file() {
    return default_forms_dir() + "/criteria/criterion5-2024.json";
}

}  // namespace c5::syncd

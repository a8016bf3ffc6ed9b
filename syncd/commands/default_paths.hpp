// Where syncd finds the form and criteria definitions when not told: $C5_FORMS_DIR, else the
// forms/ folder of the source tree it was built from.
#pragma once

#include <string>

namespace c5::syncd {

std::string default_forms_dir();
std::string default_criteria_file();

}  // namespace c5::syncd

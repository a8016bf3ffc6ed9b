// Importing a household CSV or a checklist JSON from the window: the worker reads and saves
// it while the window keeps drawing; the records and a one-line outcome come back after.
#pragma once

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

// Imports state.import_path (*.csv households, else checklists) as this laptop's edits.
void import_file(AppState& state);

}  // namespace c5::surveyor

// "Sync now" as the Sync screen runs it: on the worker thread, with its progress sent back
// to the UI, stoppable from the UI between two requests; afterwards the records, the summary
// and the changes the server refused are shown.
#pragma once

#include "surveyor/app/app_state.hpp"

namespace c5::surveyor {

// Starts a sync in the background (enrols instead when the laptop is not enrolled yet).
void start_sync(AppState& state);

// Asks the running sync to stop after the request in flight; what was done is kept.
void cancel_sync(AppState& state);

// Reads the changes the server refused, for the Sync screen, when not read yet.
void load_refused(AppState& state);

}  // namespace c5::surveyor

// The subcommands behind the command line, each returning the exit status: 0 done, 1 the
// input or the store refused, 2 no passphrase given.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "surveyor/app/session.hpp"

namespace c5::surveyor {

struct HeadlessOptions {
    std::filesystem::path store;
    std::filesystem::path forms_dir;
    std::filesystem::path passphrase_file;
    // create
    std::string user;
    std::string device_name = "Laptop";
    std::filesystem::path registry;
    std::string unit;
    std::string role = "surveyor";
    std::string recovery_key;
    bool fast_kdf = false;
    // enrol
    std::string server;
    std::string code;
    // import / export
    std::vector<std::filesystem::path> files;
    std::vector<std::string> import_units;   // take only these units' rows (empty: all)
    std::vector<std::string> import_groups;  // and only these residential groups
    std::filesystem::path households_out;
    std::filesystem::path checklists_out;
    // review
    std::string approve_id;
    std::string reject_id;
    std::string comment;
};

struct ScreenshotOptions {
    std::string screen;
    std::filesystem::path out;
    std::string size;
    std::string lang;
    bool strict = false;
};

// For every subcommand that works on an unlocked store: opens it, or prints why not and
// sets `status`. refuse_command prints "surveyor COMMAND: message" and returns 1.
std::optional<Session> open_command_store(const char* command, const HeadlessOptions& opt,
                                          int& status);
int refuse_command(const char* command, const Error& error);

int cmd_create(const HeadlessOptions& opt);
int cmd_enrol(const HeadlessOptions& opt);
int cmd_import(const HeadlessOptions& opt);
int cmd_export(const HeadlessOptions& opt);
int cmd_results(const HeadlessOptions& opt);
int cmd_list(const HeadlessOptions& opt);
int cmd_review(const HeadlessOptions& opt);
int cmd_sync(const HeadlessOptions& opt);
int take_screenshot(const HeadlessOptions& opt, const ScreenshotOptions& shot);

}  // namespace c5::surveyor

// `syncd rescore`: recomputes every stored result, after a change of the criteria definition
// (or forms); it also merges held changes whose time has come.
#include <CLI/CLI.hpp>
#include <iostream>

#include "syncd/commands/commands.hpp"
#include "syncd/commands/server_access.hpp"
#include "syncd/server/merge_engine.hpp"
#include "syncd/server/results_store.hpp"

namespace c5::syncd {
namespace {

Result<std::int64_t> rescore(const ServerContext& ctx) {
    auto db = ctx.connect();
    if (!db) return std::unexpected(db.error());
    auto tx = Transaction::begin(*db);
    if (!tx) return std::unexpected(tx.error());
    auto merged = merge_changes(*db, ctx, {}, std::nullopt);
    if (!merged) return std::unexpected(merged.error());
    if (auto r = recompute_all_results(*db, ctx); !r) return std::unexpected(r.error());
    if (auto r = append_audit(
            *db, ctx.now_ms(), "rescore", "operator",
            "criteria=" + ctx.definitions.criteria.id + " " + ctx.definitions.criteria.version);
        !r) {
        return std::unexpected(r.error());
    }
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return merged->last_seq;
}

}  // namespace

void add_rescore_command(CLI::App& app, int& exit_code) {
    auto access = std::make_shared<ServerAccess>();
    CLI::App* cmd = app.add_subcommand(
        "rescore", "Recompute every stored result (after a change of the criteria definition)");
    add_server_access_options(*cmd, *access);
    cmd->callback([access, &exit_code] {
        auto ctx = unlock(*access);
        if (!ctx) {
            exit_code = report_failure("rescore", ctx.error());
            return;
        }
        auto version = rescore(*ctx);
        if (!version) {
            exit_code = report_failure("rescore", version.error());
            return;
        }
        std::cout << "Rescored every ward and district at data version " << *version << " with "
                  << ctx->definitions.criteria.id << " " << ctx->definitions.criteria.version
                  << ".\n";
    });
}

}  // namespace c5::syncd

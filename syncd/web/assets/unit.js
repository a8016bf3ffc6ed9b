// A unit's page: each content with its items, values and reasons; content 4's shares,
// coverage and who still lacks what per residential group; conflicts and pending reviews.
"use strict";

(async function () {
    const main = document.getElementById("main");
    const code = new URLSearchParams(location.search).get("code") || "";
    let page;
    let criteria;
    try {
        await c5.header();
        [page, criteria] = await Promise.all([
            c5.api("/web/api/unit?code=" + encodeURIComponent(code)),
            c5.api("/web/api/criteria"),
        ]);
    } catch (error) {
        c5.fail(main, error);
        return;
    }
    const r = page.result;
    const annex = c5.annex(criteria, r.level);
    const el = c5.el;
    const q = encodeURIComponent(r.unit_code);

    const parts = [
        el("p", {}, el("a", { href: "/web/" }, "← Tổng quan")),
        el("h1", { id: "unit-title" }, r.unit_name + " (" + r.unit_code + ")"),
        el("dl", { class: "facts" },
            el("dt", {}, "Thuộc"), el("dd", {}, page.parent_name || "—"),
            el("dt", {}, "Tiêu chí 5"), el("dd", { id: "criterion" }, c5.statusBadge(r.criterion)),
            el("dt", {}, "Tính lúc"), el("dd", {}, c5.isoDateTime(r.computed_at)),
            el("dt", {}, "Phiên bản dữ liệu"), el("dd", {}, r.data_version),
            el("dt", {}, "Dữ liệu thay đổi lần cuối"),
            el("dd", {}, c5.dateTime(page.last_change_ms)),
            el("dt", {}, "Bộ tiêu chí"), el("dd", {}, r.criteria_version)),
        el("div", { class: "downloads" },
            el("a", { class: "button", id: "report-link", href: "/web/report?code=" + q },
                "Báo cáo đánh giá (in)"),
            r.level === "ward" ? [
                el("span", {}, "Hộ gia đình:"),
                el("a", { class: "button", id: "households-csv",
                          href: "/web/download/households.csv?unit=" + q }, "CSV"),
                el("a", { class: "button", id: "households-xlsx",
                          href: "/web/download/households.xlsx?unit=" + q }, "XLSX"),
            ] : []),
    ];

    for (const content of r.contents) {
        const def = annex.contents.find((c) => c.id === content.id) || {};
        const section = el("section", { class: "content", id: "content-" + content.id },
            el("h2", {}, el("span", {}, "Nội dung " + content.id.slice(1) + ": " +
                c5.label(def.title)), c5.statusBadge(content.status)));
        // Content 4's items are its shares, shown with their figures below.
        if (content.items.length && !def.from_households) {
            const rows = content.items.map((item) => {
                const rule = (def.items || []).find((i) => i.id === item.id) || {};
                return el("tr", { dataset: { item: item.id } },
                    el("td", {}, c5.label(rule.label) || item.id),
                    el("td", {}, item.value || "—"),
                    el("td", {}, c5.statusBadge(item.status)));
            });
            section.append(el("table", {},
                el("thead", {}, el("tr", {}, el("th", {}, "Yêu cầu"), el("th", {}, "Giá trị"),
                    el("th", {}, "Kết quả"))),
                el("tbody", {}, rows)));
        }
        if (def.from_households) section.append(...content4(def));
        if (content.reasons.length) {
            section.append(el("h3", {}, "Lý do"),
                el("ul", { class: "reasons" }, content.reasons.map((t) => el("li", {}, t))));
        }
        parts.push(section);
    }
    parts.push(...review());
    main.replaceChildren(...parts);
    document.title = r.unit_name + " — Tiêu chí 5";
    document.body.dataset.ready = "1";

    // The three shares with their figures, coverage, and per group who lacks what.
    function content4(def) {
        const shareRows = r.shares.map((s) => {
            const rule = (def.shares || []).find((x) => x.id === s.id) || {};
            return el("tr", { dataset: { share: s.id } },
                el("td", {}, c5.label(rule.label) || s.id),
                el("td", { class: "num" }, s.numerator + " / " + s.denominator),
                el("td", { class: "num share-value" }, c5.percent(s.value)),
                el("td", { class: "num" }, c5.percent(s.threshold, 0)),
                el("td", {}, c5.statusBadge(s.status)));
        });
        const out = [
            el("table", { id: "shares" },
                el("thead", {}, el("tr", {}, el("th", {}, "Chỉ số"), el("th", { class: "num" },
                    "Tử số / mẫu số"), el("th", { class: "num" }, "Tỷ lệ"),
                    el("th", { class: "num" }, "Ngưỡng"), el("th", {}, "Kết quả"))),
                el("tbody", {}, shareRows)),
            el("dl", { class: "facts", id: "coverage" },
                el("dt", {}, "Độ bao phủ khảo sát"), el("dd", {}, c5.percent(r.coverage)),
                el("dt", {}, "Hộ đã đến"), el("dd", {}, r.households_visited),
                el("dt", {}, "Hộ đã phỏng vấn"), el("dd", {}, r.households_interviewed),
                el("dt", {}, "Nhà bỏ trống"), el("dd", {}, r.households_vacant),
                el("dt", {}, "Hộ đăng ký"), el("dd", {}, r.households_registered ?? "—")),
        ];
        const kinds = [...(def.shares || []).map((s) => [s.id, c5.label(s.lacking)]),
            ["not_visited", "chưa được khảo sát"]];
        const groups = [...new Set(r.shortfalls.map((s) => s.group_code))].sort();
        if (groups.length) {
            const cell = (group, kind) => {
                const s = r.shortfalls.find((x) => x.group_code === group && x.share_id === kind);
                if (!s) return el("td", { class: "num" }, "0");
                if (!page.sees_households || !s.household_codes.length) {
                    return el("td", { class: "num" }, s.count);
                }
                return el("td", {}, el("b", {}, s.count), " ",
                    el("span", { class: "codes" }, s.household_codes.join(", ")));
            };
            out.push(el("h3", {}, page.sees_households
                ? "Hộ còn thiếu theo tổ dân phố (mã hộ)" : "Số hộ còn thiếu theo tổ dân phố"),
                el("table", { id: "shortfalls" },
                    el("thead", {}, el("tr", {}, el("th", {}, "Tổ dân phố"),
                        kinds.map(([, words]) => el("th", {}, words)))),
                    el("tbody", {}, groups.map((g) => el("tr", { dataset: { group: g } },
                        el("td", {}, (page.groups[g] || "") + " (" + g + ")"),
                        kinds.map(([id]) => cell(g, id)))))));
        }
        if (r.duplicates.length) {
            out.push(el("p", {}, "Hộ có nhiều hơn một phiếu: " + r.duplicates.length +
                (page.sees_households
                    ? " (" + r.duplicates.map((d) => d.household_code).join(", ") + ")" : "")));
        }
        return out;
    }

    function review() {
        const v = page.review;
        const out = [el("h2", {}, "Xung đột và phiếu chờ duyệt"),
            el("dl", { class: "facts", id: "review" },
                el("dt", {}, "Xung đột cần giải quyết"), el("dd", {}, v.conflicts.length),
                el("dt", {}, "Phiếu chờ duyệt"), el("dd", {}, v.waiting_review_count),
                el("dt", {}, "Thay đổi đang giữ (đồng hồ thiết bị chạy trước)"),
                el("dd", {}, v.held_changes))];
        if (v.conflicts.length) {
            out.push(el("table", { id: "conflicts" },
                el("thead", {}, el("tr", {}, el("th", {}, "Phiếu"), el("th", {}, "Mã hộ"),
                    el("th", {}, "Trường"))),
                el("tbody", {}, v.conflicts.map((c) => el("tr", {},
                    el("td", { class: "codes" }, c.record), el("td", {}, c.household_code || "—"),
                    el("td", {}, c.field))))));
        }
        if (v.waiting_review.length) {
            out.push(el("details", {}, el("summary", {}, "Danh sách phiếu chờ duyệt"),
                el("p", { class: "codes" },
                    v.waiting_review.map((w) => w.household_code || w.record).join(", "))));
        }
        return out;
    }
})();

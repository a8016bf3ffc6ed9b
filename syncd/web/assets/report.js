// The ward (or district) evaluation report for the recognition dossier: the unit, the date,
// the data version, each content's result with its evidence, and lines for signatures.
"use strict";

(async function () {
    const sheet = document.getElementById("sheet");
    const code = new URLSearchParams(location.search).get("code") || "";
    document.getElementById("print").addEventListener("click", () => window.print());
    document.getElementById("back").href = "/web/unit?code=" + encodeURIComponent(code);
    let page;
    let criteria;
    try {
        [page, criteria] = await Promise.all([
            c5.api("/web/api/unit?code=" + encodeURIComponent(code)),
            c5.api("/web/api/criteria"),
        ]);
    } catch (error) {
        c5.fail(sheet, error);
        return;
    }
    const el = c5.el;
    const r = page.result;
    const annex = c5.annex(criteria, r.level);
    const words = { pass: "Đạt", fail: "Không đạt", incomplete: "Chưa đủ dữ liệu" };
    const today = new Date();
    const authority = "Ủy ban nhân dân " + r.unit_name;

    // What shows each content's result: its items with their values, for content 4 the
    // shares with their figures and the coverage, then the reasons.
    const evidence = function (content, def) {
        const lines = [];
        // Content 4's items are its shares, written out with their figures below.
        for (const item of def.from_households ? [] : content.items) {
            const rule = (def.items || []).find((i) => i.id === item.id) || {};
            lines.push(el("li", {}, (c5.label(rule.label) || item.id) + ": " +
                (item.value || "—") + " — " + words[item.status]));
        }
        if (def.from_households) {
            for (const s of r.shares) {
                const rule = (def.shares || []).find((x) => x.id === s.id) || {};
                lines.push(el("li", {}, c5.label(rule.label) + ": " + s.numerator + "/" +
                    s.denominator + " = " + c5.percent(s.value) + " (yêu cầu " +
                    c5.percent(s.threshold, 0) + ") — " + words[s.status]));
            }
            lines.push(el("li", {}, "Độ bao phủ khảo sát: " + c5.percent(r.coverage) + " (" +
                r.households_visited + " hộ đã đến, " + r.households_interviewed +
                " hộ phỏng vấn, " + r.households_vacant + " nhà bỏ trống; " +
                (r.households_registered ?? "?") + " hộ đăng ký)"));
        }
        for (const reason of content.reasons) lines.push(el("li", {}, "Lý do: " + reason));
        return el("ul", { class: "evidence" }, lines);
    };

    const rows = r.contents.map((content, index) => {
        const def = annex.contents.find((c) => c.id === content.id) || {};
        return el("tr", { dataset: { content: content.id, status: content.status } },
            el("td", { class: "num" }, index + 1),
            el("td", {}, el("b", {}, c5.label(def.title)), evidence(content, def)),
            el("td", {}, words[content.status]));
    });

    sheet.replaceChildren(
        el("div", { class: "heading" },
            el("div", {}, el("div", {}, (page.parent_name || "").toUpperCase()),
                el("div", { class: "motto" }, r.unit_name.toUpperCase()),
                el("div", { class: "line" })),
            el("div", {}, el("div", { class: "motto" }, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                el("div", { class: "motto" }, "Độc lập - Tự do - Hạnh phúc"),
                el("div", { class: "line" }),
                el("div", {}, el("i", {}, "ngày " + today.getDate() + " tháng " +
                    (today.getMonth() + 1) + " năm " + today.getFullYear())))),
        el("h1", {}, "Báo cáo kết quả tự đánh giá"),
        el("div", { class: "subtitle" }, c5.label(criteria.title)),
        el("p", { class: "meta" }, "Căn cứ: " + c5.label(criteria.legal_basis) + "."),
        el("p", {}, "Đơn vị: ", el("b", { id: "report-unit" }, r.unit_name),
            " (mã " + r.unit_code + "), " + (page.parent_name || "")),
        el("p", { class: "meta", id: "report-version" },
            "Kết quả tính lúc " + c5.isoDateTime(r.computed_at) + " từ phiên bản dữ liệu " +
            r.data_version + ", theo bộ tiêu chí " + (criteria.version || r.criteria_version) +
            "."),
        el("table", { id: "report-contents" },
            el("thead", {}, el("tr", {}, el("th", {}, "STT"), el("th", {}, "Nội dung và căn cứ"),
                el("th", {}, "Kết quả"))),
            el("tbody", {}, rows)),
        el("p", { class: "verdict", id: "verdict", dataset: { status: r.criterion } },
            "Kết luận: " + r.unit_name + " " + (r.criterion === "pass" ? "ĐẠT"
                : r.criterion === "fail" ? "KHÔNG ĐẠT" : "CHƯA ĐỦ DỮ LIỆU ĐỂ KẾT LUẬN") +
            " Tiêu chí số 5."),
        el("div", { class: "signatures" },
            el("div", {}, el("div", { class: "role" }, "NGƯỜI LẬP BÁO CÁO"),
                el("div", { class: "role" }, "\u00a0"),
                el("div", { class: "hint" }, "(Ký, ghi rõ họ tên)"),
                el("div", { class: "space" }), el("div", { class: "dotline" })),
            el("div", {}, el("div", { class: "role" }, "TM. " + authority.toUpperCase()),
                el("div", { class: "role" }, "CHỦ TỊCH"),
                el("div", { class: "hint" }, "(Ký tên, đóng dấu)"),
                el("div", { class: "space" }), el("div", { class: "dotline" }))));
    document.title = "Báo cáo Tiêu chí 5 — " + r.unit_name;
    document.body.dataset.ready = "1";
})();

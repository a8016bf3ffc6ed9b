// The overview: every unit the account may see, filtered by district, status and name.
"use strict";

(async function () {
    const main = document.getElementById("main");
    let overview;
    try {
        await c5.header();
        overview = await c5.api("/web/api/overview");
    } catch (error) {
        c5.fail(main, error);
        return;
    }
    const units = overview.units;
    const district = document.getElementById("filter-district");
    const status = document.getElementById("filter-status");
    const search = document.getElementById("search");

    const districts = new Map();
    for (const u of units) if (u.district_code) districts.set(u.district_code, u.district_name);
    for (const [code, name] of districts) district.append(c5.el("option", { value: code }, name));

    const row = function (u) {
        const cells = [];
        for (let i = 1; i <= 5; i++) {
            const content = u.contents.find((c) => c.id === "c" + i);
            cells.push(c5.el("td", { dataset: { content: "c" + i } },
                c5.statusBadge(content ? content.status : null, true)));
        }
        return c5.el("tr", { dataset: { code: u.code, criterion: u.criterion } },
            c5.el("td", {}, u.code),
            c5.el("td", {}, c5.el("a", { href: "/web/unit?code=" + encodeURIComponent(u.code) },
                u.name)),
            c5.el("td", {}, c5.LEVEL_WORDS[u.level] || u.level),
            c5.el("td", {}, u.level === "ward" ? u.district_name : ""),
            cells,
            c5.el("td", { class: "criterion" }, c5.statusBadge(u.criterion)),
            c5.el("td", {}, c5.dateTime(u.last_change_ms)),
            c5.el("td", { class: "num" }, u.data_version));
    };

    const counts = function (shown) {
        const tally = { pass: 0, fail: 0, incomplete: 0 };
        for (const u of shown) if (u.level === "ward") tally[u.criterion]++;
        const box = (key, words) => c5.el("span", { class: "count", id: "count-" + key },
            c5.el("b", {}, tally[key]), " " + words);
        document.getElementById("counts").replaceChildren(
            c5.el("span", { class: "count", id: "count-shown" },
                c5.el("b", {}, shown.length), " đơn vị đang hiện"),
            box("pass", "phường đạt"), box("fail", "phường không đạt"),
            box("incomplete", "phường chưa đủ dữ liệu"));
    };

    const render = function () {
        const words = c5.fold(search.value.trim());
        const shown = units.filter((u) =>
            (!district.value || u.district_code === district.value) &&
            (!status.value || u.criterion === status.value) &&
            (!words || c5.fold(u.name + " " + u.code).includes(words)));
        document.querySelector("#units tbody").replaceChildren(...shown.map(row));
        counts(shown);
    };
    for (const input of [district, status]) input.addEventListener("change", render);
    search.addEventListener("input", render);
    render();
    document.body.dataset.ready = "1";
})();

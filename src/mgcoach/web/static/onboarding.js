// Mg Coach: the onboarding form's small helps (loaded by onboarding.html).
"use strict";
// Small helps; the server checks everything again. Pregnancy and breastfeeding are hidden for
// men, weight and height are converted when the units change, "Add another medicine" adds the
// row in place (without this script it shows the form again with one row more), and after a
// failed save the error summary has the focus (autofocus does it where browsers support it).
(function () {
  const form = document.getElementById("onboarding-form");
  const sex = form.elements.sex, units = form.elements.units;
  const group = document.getElementById("pregnancy");
  function showPregnancy() {
    const male = sex.value === "male";
    group.hidden = male;
    if (male) { form.elements.pregnant.checked = false; form.elements.lactating.checked = false; }
  }
  sex.addEventListener("change", showPregnancy);
  showPregnancy();
  const factors = { weight: ["kg", "lb", 2.2046226218], height: ["cm", "in", 1 / 2.54] };
  let shown = units.value;
  units.addEventListener("change", function () {
    const toUs = units.value === "us";
    if ((shown === "us") === toUs) return;
    shown = units.value;
    for (const name of ["weight", "height"]) {
      const input = form.elements[name], [metric, us, factor] = factors[name];
      const label = form.querySelector('label[for="f-' + name + '"]');
      label.textContent = label.textContent.replace("(" + (toUs ? metric : us) + ")", "(" + (toUs ? us : metric) + ")");
      const comma = input.value.includes(",");
      const value = parseFloat(input.value.replace(",", "."));
      if (!isNaN(value)) {
        const text = (toUs ? value * factor : value / factor).toFixed(1);
        input.value = comma ? text.replace(".", ",") : text;
      }
    }
  });

  const summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) summary.focus();

  const list = document.getElementById("med-rows"), add = document.getElementById("add-med-row");
  if (!list || !add) return;
  const max = parseInt(list.dataset.max, 10) || 30;
  function renumber(node, from, to) {
    const old = "med-" + from + "-", now = "med-" + to + "-";
    for (const el of [node, ...node.querySelectorAll("*")]) {
      for (const attr of ["id", "name", "for", "aria-describedby"]) {
        const value = el.getAttribute(attr);
        if (value && value.includes(old)) el.setAttribute(attr, value.split(old).join(now));
      }
    }
  }
  add.addEventListener("click", function (event) {
    const rows = list.querySelectorAll("li.med-row");
    if (!rows.length || rows.length >= max) return; // the server adds it, or says why not
    event.preventDefault();
    const last = rows[rows.length - 1], row = last.cloneNode(true), index = rows.length;
    renumber(row, last.dataset.row, index);
    row.dataset.row = String(index);
    row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("[aria-describedby]").forEach(function (el) {
      const ids = el.getAttribute("aria-describedby").split(" ").filter(function (id) { return !id.startsWith("e-"); });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("input").forEach(function (input) {
      input.removeAttribute("autofocus");
      if (input.type === "checkbox") input.checked = false; else input.value = "";
    });
    row.querySelectorAll("details").forEach(function (details) { details.open = false; });
    const legend = row.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(index + 1));
    list.appendChild(row);
    if (index + 1 >= max) add.disabled = true;
    const name = row.querySelector('input[name$="-name"]');
    if (name) name.focus();
  });
})();

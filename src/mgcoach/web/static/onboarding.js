// Mg Coach: the onboarding form's small helps (loaded by onboarding.html).
"use strict";
// Small helps; the server checks everything again. Pregnancy and breastfeeding are hidden for
// men, and weight and height are converted when the units change.
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
})();

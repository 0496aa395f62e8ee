// Mg Coach, Log page: food suggestions as you type (an ARIA 1.2 combobox with a listbox popup)
// and the chosen food's portions as buttons that fill in the amount. Without this script the
// form posts the typed food name and the server finds the food.
"use strict";
(function () {
  const form = document.getElementById("log-food");
  if (!form) return;
  const input = form.querySelector('input[name="food"]');
  const foodId = form.querySelector('input[name="food_id"]');
  const amount = form.querySelector('input[name="amount"]');
  const list = document.getElementById("food-suggestions");
  const chips = document.getElementById("food-portions");
  const status = document.getElementById("food-status");
  const lang = document.documentElement.lang;
  const DELAY_MS = 150;
  const MIN_CHARS = 2;
  let foods = [];
  let active = -1;
  let timer = 0;
  let searching = null; // AbortController of the request under way
  let loadingPortions = null;

  function nameOf(food) {
    if (food.display_name) return food.display_name;
    return lang === "nl" && food.name_nl ? food.name_nl : food.name;
  }

  // A portion's chip: its label in the page's language, with its grams ("1 kopje (240 g)"); the
  // server reads the same text back as the amount.
  function portionText(portion) {
    const own = lang === "nl" ? portion.label_nl : portion.label_en;
    return own || portion.label;
  }

  function announce(text) {
    status.textContent = text;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll('[role="option"]');
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(found) {
    foods = found;
    list.textContent = "";
    if (!found.length) {
      close();
      announce(input.dataset.none || "");
      return;
    }
    found.forEach(function (food, i) {
      const option = document.createElement("li");
      option.id = "food-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.id = food.id;
      option.textContent = nameOf(food);
      const other = lang === "nl" ? food.name : food.name_nl;
      if (food.group_name || (other && other !== nameOf(food))) {
        const more = document.createElement("small");
        more.textContent = [other && other !== nameOf(food) ? other : "", food.group_name || ""]
          .filter(Boolean).join(" · ");
        option.appendChild(more);
      }
      // mousedown, not click: choose before the input loses focus and the list closes.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(i);
      });
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    announce((input.dataset.count || "{n}").replace("{n}", String(found.length)));
  }

  async function search(query) {
    if (searching) searching.abort();
    const controller = new AbortController();
    searching = controller;
    const url = "/api/v1/foods/search?query=" + encodeURIComponent(query) + "&limit=8";
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      if (controller !== searching || input.value.trim() !== query) return; // stale answer
      show(Array.isArray(data) ? data : data.foods || []);
    } catch (error) {
      if (error.name !== "AbortError") close();
    } finally {
      if (searching === controller) searching = null;
    }
  }

  function clearPortions() {
    if (loadingPortions) loadingPortions.abort();
    chips.textContent = "";
    chips.hidden = true;
  }

  async function showPortions(food) {
    clearPortions();
    const controller = new AbortController();
    loadingPortions = controller;
    try {
      const response = await fetch("/api/v1/foods/show?food=" + encodeURIComponent(food.id), {
        signal: controller.signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const data = await response.json();
      if (foodId.value !== food.id) return; // another food was chosen meanwhile
      const portions = (data.portions || []).filter(function (p) { return portionText(p); });
      if (!portions.length) return;
      const intro = document.createElement("span");
      intro.className = "hint";
      intro.textContent = (input.dataset.portions || "{food}").replace("{food}", nameOf(food));
      chips.appendChild(intro);
      portions.forEach(function (portion) {
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = portionText(portion);
        chip.setAttribute("aria-pressed", "false");
        chip.addEventListener("click", function () {
          amount.value = portionText(portion);
          chips.querySelectorAll(".chip").forEach(function (other) {
            other.setAttribute("aria-pressed", other === chip ? "true" : "false");
          });
          amount.focus();
        });
        chips.appendChild(chip);
      });
      chips.hidden = false;
    } catch (error) {
      /* aborted or offline: the amount can still be typed */
    } finally {
      if (loadingPortions === controller) loadingPortions = null;
    }
  }

  function choose(index) {
    const food = foods[index];
    if (!food) return;
    input.value = nameOf(food);
    foodId.value = food.id;
    close();
    announce(nameOf(food));
    showPortions(food);
  }

  input.addEventListener("input", function () {
    foodId.value = ""; // typed text no longer names the chosen food
    clearPortions();
    window.clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_CHARS) {
      if (searching) searching.abort();
      close();
      return;
    }
    timer = window.setTimeout(function () { search(query); }, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    const open = !list.hidden && foods.length > 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          if (foods.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          else if (input.value.trim().length >= MIN_CHARS) search(input.value.trim());
          if (foods.length) highlight(0);
          return;
        }
        highlight(active + 1 >= foods.length ? 0 : active + 1);
        break;
      case "ArrowUp":
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? foods.length - 1 : active - 1);
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault(); // choose the food, do not post the form yet
          choose(active);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          input.value = "";
          foodId.value = "";
          clearPortions();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  input.addEventListener("blur", function () { close(); });
})();

// lede reader: the little the pages do with script. Everything here is an
// addition; every page reads the same without it.
//  - a quote shows its speaker and role in a popover on hover, click or
//    keyboard focus (Enter or Space toggles it, Escape closes it), and every
//    part of the same quote lights up together;
//  - "/" moves to the search box.
(function () {
  "use strict";

  var pop = null;
  var current = null;

  function parts(mark) {
    return document.querySelectorAll('mark.q[data-q="' + mark.getAttribute("data-q") + '"]');
  }

  function light(mark, on) {
    var ps = parts(mark);
    for (var i = 0; i < ps.length; i++) ps[i].classList.toggle("on", on);
  }

  function popover() {
    if (!pop) {
      pop = document.createElement("div");
      pop.className = "popover";
      pop.setAttribute("role", "tooltip");
      pop.id = "quote-popover";
      pop.hidden = true;
      document.body.appendChild(pop);
    }
    return pop;
  }

  function show(mark) {
    if (current && current !== mark) hide();
    current = mark;
    light(mark, true);
    var p = popover();
    var speaker = mark.getAttribute("data-speaker") || "unattributed";
    var cut = speaker.indexOf(" — ");
    p.textContent = "";
    var who = document.createElement("strong");
    who.textContent = cut >= 0 ? speaker.slice(0, cut) : speaker;
    p.appendChild(who);
    if (cut >= 0) {
      var role = document.createElement("span");
      role.className = "role";
      role.textContent = speaker.slice(cut + 3);
      p.appendChild(role);
    }
    var kind = (mark.className.match(/q-(direct|partial|indirect)/) || [])[1];
    if (kind) {
      var k = document.createElement("div");
      k.textContent = kind === "indirect" ? "reported speech" : kind + " quote";
      p.appendChild(k);
    }
    p.hidden = false;
    mark.setAttribute("aria-describedby", p.id);
    var r = mark.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = window.scrollX + Math.max(8, Math.min(r.left, document.documentElement.clientWidth - p.offsetWidth - 8));
    p.style.top = top + "px";
    p.style.left = left + "px";
  }

  function hide() {
    if (current) {
      light(current, false);
      current.removeAttribute("aria-describedby");
    }
    current = null;
    if (pop) pop.hidden = true;
  }

  function quoteOf(target) {
    return target && target.closest ? target.closest("mark.q") : null;
  }

  document.addEventListener("mouseover", function (e) {
    var m = quoteOf(e.target);
    if (m) show(m);
  });
  document.addEventListener("mouseout", function (e) {
    var m = quoteOf(e.target);
    if (m && m === current && !m.contains(e.relatedTarget)) hide();
  });
  document.addEventListener("click", function (e) {
    var m = quoteOf(e.target);
    if (m) {
      show(m); // a click keeps it shown: hovering showed it already
    } else if (current) {
      hide();
    }
  });
  document.addEventListener("focusin", function (e) {
    var m = quoteOf(e.target);
    if (m) show(m);
  });
  document.addEventListener("focusout", function (e) {
    if (quoteOf(e.target) === current) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      hide();
      return;
    }
    var m = quoteOf(e.target);
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (m === current && pop && !pop.hidden) hide(); else show(m);
      return;
    }
    var tag = (e.target.tagName || "").toLowerCase();
    if (e.key === "/" && tag !== "input" && tag !== "textarea") {
      var box = document.getElementById("home-q") || document.getElementById("top-q");
      if (box) {
        e.preventDefault();
        box.focus();
      }
    }
  });
})();

// readability-lines.js runs Mozilla Readability.js (under jsdom) as a long-lived
// worker for the lede bench: one JSON object per line on stdin
// ({"id", "url", "html"}), one JSON object per line on stdout
// ({"id", "title", "byline", "published", "text", "paragraphs", "seconds",
// "error"}).
// Pages are handled one at a time, in order, so the bench can time them
// like its in-process systems; "seconds" covers DOM parsing plus Readability,
// not the pipe.
"use strict";

const readline = require("node:readline");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

// A silent console: pages' own scripts are not run, but jsdom still reports
// CSS it cannot parse, which would only clutter the bench's stderr.
const quietConsole = new VirtualConsole();

// The elements a browser starts on a new line, as in the bench's Go side
// (pagerun/blocks.go): paragraph boundaries for fundus-eval's paragraph match.
const blockTags = new Set(["P", "DIV", "SECTION", "ARTICLE", "MAIN", "ASIDE", "HEADER", "FOOTER",
  "NAV", "FIGURE", "FIGCAPTION", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "DL", "DT",
  "DD", "BLOCKQUOTE", "PRE", "TABLE", "TR", "TD", "TH", "CAPTION", "HR", "BR", "ADDRESS", "DETAILS", "SUMMARY"]);

// paragraphs renders Readability's article HTML as its blocks' texts,
// walking with an explicit stack.
function paragraphs(contentHTML) {
  const parts = [];
  const stack = [{ node: JSDOM.fragment(contentHTML), leave: false }];
  while (stack.length) {
    const { node, leave } = stack.pop();
    const block = node.nodeType === 1 && blockTags.has(node.nodeName);
    if (leave) {
      if (block) parts.push("\n");
      continue;
    }
    if (node.nodeType === 3) {
      parts.push(node.nodeValue.replace(/\n/g, " "));
      continue;
    }
    if (node.nodeType === 1 && (node.nodeName === "SCRIPT" || node.nodeName === "STYLE")) continue;
    if (block) parts.push("\n");
    stack.push({ node, leave: true });
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, leave: false });
  }
  return parts.join("").split("\n").map((l) => l.split(/\s+/).filter(Boolean).join(" ")).filter(Boolean);
}

function extract(page) {
  const started = process.hrtime.bigint();
  const out = { id: page.id };
  try {
    let dom;
    try {
      dom = new JSDOM(page.html, { url: page.url || undefined, virtualConsole: quietConsole });
    } catch (err) {
      // An address jsdom rejects must not lose the page: parse without it.
      dom = new JSDOM(page.html, { virtualConsole: quietConsole });
    }
    const article = new Readability(dom.window.document).parse();
    if (article) {
      out.title = article.title || "";
      out.byline = article.byline || "";
      out.published = article.publishedTime || "";
      out.text = article.textContent || "";
      out.content = article.content || "";
    }
    dom.window.close();
  } catch (err) {
    out.error = String(err && err.message ? err.message : err);
  }
  out.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Paragraphs are the bench's view of the result, not Readability's work:
  // they are taken after the clock stops.
  if (out.content) {
    try {
      out.paragraphs = paragraphs(out.content);
    } catch (err) {
      out.paragraphs = [];
    }
    delete out.content;
  }
  return out;
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let page;
  try {
    page = JSON.parse(line);
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: "bad request: " + err.message }) + "\n");
    return;
  }
  process.stdout.write(JSON.stringify(extract(page)) + "\n");
});

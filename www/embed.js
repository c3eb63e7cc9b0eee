// <shipshape-playground>: a live, lintable Dockerfile example for documentation pages.
//
//   <script type="module" src="https://your.site/shipshape/embed.js"></script>
//   <shipshape-playground>
//   FROM debian
//   RUN apt-get install curl
//   </shipshape-playground>
//
// Write `<` as `&lt;` in the element's text, or put the Dockerfile in a
// <script type="text/dockerfile"> child, whose content is not HTML.
//
// With `embed.js?code-blocks` every <pre><code class="language-dockerfile"> of the page
// becomes one too. Each element is a compact playground in its own shadow DOM (the
// page's CSS cannot reach it): the editor with the findings underlined, the list of
// findings with a Fix button where a rule has a fix, and a line with the image size. The
// text is coloured by the engine's own parser (keywords, flags, strings, variables …).
// It runs the shipshape engine (the npm package's web build, in embed/) in the page: the
// wasm loads once for all the elements of the page, and nothing is sent anywhere.
//
// Attributes:
//   readonly               the text cannot be edited, and there are no Fix buttons
//   rules="DL3008,DL3015"  show only these rules' findings
//   height="12em"          the editor's height (default: fits the text, at most 24 lines)
//   theme="light|dark"     default: the page's color scheme
//   show="findings,size,fixes"   the parts to show (default: all three)
//   playground="URL"       where "Open in the playground" goes (default: this site)
import init, { estimate, lint, setDebianTable, tokens } from './embed/shipshape.js';

const BASE = new URL('./', import.meta.url);
const LINE_PX = 20;
const MAX_LINES = 24;

let engine = null;
let started = false;
/** The engine, started once for the whole page. */
const ready = () =>
  (engine ??= init({ module_or_path: new URL('embed/shipshape_bg.wasm', BASE) }).then(() => {
    started = true;
  }));

let debian = null;
/** The Debian package table, fetched once, when a Dockerfile first installs with apt. */
function loadDebian() {
  debian ??= (async () => {
    const response = await fetch(new URL('debian-bookworm.tsv.gz', BASE));
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const body = gzipped ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')) : bytes;
    setDebianTable(await new Response(body).text());
  })();
  return debian;
}

/** Byte offsets (the engine's, UTF-8) to string indexes (JavaScript's UTF-16), as one
 *  table made in one pass over the text. */
function byteIndex(text) {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b; // ASCII: the same
  const table = [];
  let unit = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let i = 0; i < bytes; i++) table.push(unit);
    unit += ch.length;
  }
  table.push(unit);
  return (b) => table[Math.min(b, table.length - 1)];
}

/** 1,234,567 B → "1.2 MB"; 1,157,000,000 B → "1.16 GB". */
const megabytes = (bytes) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** A message with `code` spans, as the playground shows it. */
const rich = (text) => text.split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));

/** The "Open in the playground" link: the playground's own share format (#/share/…). */
async function shareLink(playground, text) {
  const stream = new Blob([`shipshape 1\n---\n${text}`]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const payload = btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${playground}#/share/${payload}`;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

/** The first finding of error severity (a syntax error, a build that would fail) that a fix
 *  turning `text` into `next` adds, by its code and the text it marks; or undefined. */
function addedError(text, next) {
  const errors = (t) => {
    const at = byteIndex(t);
    return lint(t).findings.filter((f) => f.level === 'error').map((f) => ({ f, key: `${f.code} ${t.slice(at(f.start), at(f.end))}` }));
  };
  const before = errors(text).map((e) => e.key);
  for (const { f, key } of errors(next)) {
    const i = before.indexOf(key);
    if (i < 0) return f;
    before.splice(i, 1);
  }
  return undefined;
}

let instances = 0;

class ShipshapePlayground extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const id = ++instances;
    // The text: the `code` attribute, a <script type="text/dockerfile"> child (its content is
    // not HTML, so `<<EOF` needs no escaping), or the element's own text.
    const block = this.querySelector('script[type="text/dockerfile"]');
    const raw = this.getAttribute('code') ?? block?.textContent ?? this.textContent;
    const text = raw.replace(/^\n/, '').replace(/\n?\s*$/, '\n');
    const show = new Set((this.getAttribute('show') ?? 'findings,size,fixes').split(',').map((s) => s.trim()));
    const only = this.getAttribute('rules')?.split(',').map((s) => s.trim()).filter(Boolean);
    const readonly = this.hasAttribute('readonly');
    const root = this.attachShadow({ mode: 'open' });
    const theme = this.getAttribute('theme');

    this.colours = el('div', { class: 'layer colours', 'aria-hidden': 'true' });
    this.highlight = el('div', { class: 'layer marks', 'aria-hidden': 'true' });
    this.editor = el('textarea', {
      class: 'code',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      wrap: 'off',
      readonly,
      'aria-label': 'Dockerfile',
      oninput: () => this.changed(),
      onscroll: () => {
        const shift = `translate(${-this.editor.scrollLeft}px, ${-this.editor.scrollTop}px)`;
        this.colours.style.transform = shift;
        this.highlight.style.transform = shift;
      },
      onkeydown: (e) => {
        if (e.key === 'Tab' && !e.shiftKey && !readonly) {
          e.preventDefault();
          document.execCommand('insertText', false, '    ');
        }
      },
    });
    this.editor.value = text;
    const lines = text.split('\n').length;
    const box = el('div', { class: 'editor' }, el('div', { class: 'clip' }, this.colours, this.highlight), this.editor);
    box.style.height = this.getAttribute('height') ?? `${Math.min(lines, MAX_LINES) * LINE_PX + 16}px`;
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading the linter…');
    this.list = el('ul', { class: 'findings', 'aria-label': 'Findings' });
    this.sizeLine = el('p', { class: 'size' });
    this.open = el('a', { class: 'open', target: '_blank', rel: 'noopener', href: this.getAttribute('playground') ?? BASE.href }, 'Open in the playground');
    this.open.addEventListener('click', async (e) => {
      e.preventDefault();
      window.open(await shareLink(this.open.href.split('#')[0], this.editor.value), '_blank', 'noopener');
    });
    const frame = el(
      'div',
      { class: `frame ${theme ?? ''}`, id: `shipshape-${id}` },
      box,
      el('div', { class: 'bar' }, this.status, this.open),
      show.has('findings') ? this.list : '',
      show.has('size') ? this.sizeLine : '',
    );
    root.append(el('link', { rel: 'stylesheet', href: new URL('embed.css', BASE).href }), frame);
    this.options = { only, readonly, fixes: show.has('fixes') };
    this.generation = 0;
    ready().then(
      () => this.changed(),
      (e) => {
        this.status.textContent = `The linter could not start (${e?.message ?? e}).`;
      },
    );
  }

  /** Lints the text (at most once per frame while typing) and draws the results. */
  changed() {
    if (!started || this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.render();
    });
  }

  render() {
    const text = this.editor.value;
    const generation = ++this.generation;
    let result;
    try {
      result = lint(text);
    } catch (e) {
      this.status.textContent = `The linter failed: ${e?.message ?? e}`;
      return;
    }
    const findings = this.options.only ? result.findings.filter((f) => this.options.only.includes(f.code)) : result.findings;
    this.status.textContent =
      findings.length === 0 ? 'No findings.' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
    const at = byteIndex(text);
    this.drawColours(text, at);
    this.drawMarkers(text, findings, at);
    this.drawList(text, findings);
    // The estimate is heavier than the lint (a fix-all and one estimate per size fix): while
    // the reader types, it waits for a pause of 150 ms (the first one runs at once).
    clearTimeout(this.sizeTimer);
    this.sizeTimer = setTimeout(() => this.drawSize(text, generation), this.sized ? 150 : 0);
    this.sized = true;
  }

  drawColours(text, at) {
    const parts = [];
    let pos = 0;
    for (const t of tokens(text)) {
      const [from, to] = [at(t.start), at(t.end)];
      if (from < pos) continue;
      parts.push(text.slice(pos, from), el('span', { class: `tok-${t.class}` }, text.slice(from, to)));
      pos = to;
    }
    parts.push(text.slice(pos), '\n');
    this.colours.replaceChildren(...parts);
  }

  drawMarkers(text, findings, at) {
    const marks = findings
      .map((f) => ({ from: at(f.start), to: Math.max(at(f.end), at(f.start) + 1), level: f.level }))
      .sort((a, b) => a.from - b.from);
    const parts = [];
    let pos = 0;
    for (const m of marks) {
      if (m.from < pos) continue; // overlapping: the first one shows
      parts.push(text.slice(pos, m.from), el('mark', { class: m.level }, text.slice(m.from, Math.min(m.to, text.length)) || ' '));
      pos = m.to;
    }
    parts.push(text.slice(pos), '\n');
    this.highlight.replaceChildren(...parts);
  }

  drawList(text, findings) {
    const items = findings.map((f) => {
      const canFix = this.options.fixes && !this.options.readonly && f.fix && f.fix.applicability !== 'display-only';
      return el(
        'li',
        { class: f.level, 'data-code': f.code },
        el('span', { class: 'where' }, `${f.line}:${f.column}`),
        ' ',
        el('code', {}, f.code),
        ' ',
        el('span', { class: 'message' }, ...rich(f.message)),
        canFix
          ? el('button', { type: 'button', class: 'fix', title: f.fix.title, onclick: () => this.apply(text, f) }, f.fix.applicability === 'unsafe' ? 'Fix (unsafe)' : 'Fix')
          : '',
      );
    });
    this.list.replaceChildren(...items);
  }

  /** Applies one finding's fix (its edits, from the last to the first), unless it would
   *  break the parse or the build (a finding of error severity it adds), as the playground
   *  and `shipshape check --fix` refuse it: then the status line says why. */
  apply(text, finding) {
    if (this.editor.value !== text) return;
    const at = byteIndex(text);
    let next = text;
    for (const e of [...finding.fix.edits].sort((a, b) => b.start - a.start)) {
      next = next.slice(0, at(e.start)) + e.text + next.slice(at(e.end));
    }
    const broken = addedError(text, next);
    if (broken) {
      this.status.replaceChildren(
        ...rich(`Not applied: ${finding.code} ${finding.fix.title} would break the build: ${broken.code} on line ${broken.line}: ${broken.message}`),
      );
      return;
    }
    this.editor.focus();
    this.editor.select();
    // Through the editing command, so that Ctrl+Z undoes the fix.
    if (!document.execCommand('insertText', false, next)) this.editor.value = next;
    this.changed();
  }

  async drawSize(text, generation) {
    if (!this.sizeLine.isConnected) return;
    if (/\bapt(-get)?\b/.test(text)) {
      this.sizeLine.textContent = 'Estimating the image size…';
      await loadDebian().catch(() => {});
      if (generation !== this.generation) return;
    }
    try {
      const s = estimate(text);
      const before = s.before;
      const after = s.after;
      const range = (r) => `${megabytes(r.low_bytes)}–${megabytes(r.high_bytes)}`;
      let line = `Image size ≈ ${megabytes(before.expected_bytes)} (${range(before)})`;
      if (after.expected_bytes < before.expected_bytes) line += `; with the fixes ≈ ${megabytes(after.expected_bytes)} (${range(after)})`;
      this.sizeLine.textContent = line;
      this.sizeLine.title = [...before.stages.flatMap((st) => st.base.reasons), ...before.assumptions].join('\n');
    } catch (e) {
      this.sizeLine.textContent = `No size estimate: ${e?.message ?? e}`;
    }
  }
}

if (!customElements.get('shipshape-playground')) customElements.define('shipshape-playground', ShipshapePlayground);

// `embed.js?code-blocks`: the page's Dockerfile code blocks become playgrounds too.
if (new URL(import.meta.url).searchParams.has('code-blocks')) {
  const upgrade = () => {
    for (const code of document.querySelectorAll('pre > code.language-dockerfile')) {
      const pre = code.parentElement;
      const playground = document.createElement('shipshape-playground');
      playground.setAttribute('code', code.textContent);
      pre.replaceWith(playground);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade);
  else upgrade();
}

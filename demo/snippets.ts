/**
 * The code a merchant would paste, written from the live elements on the page (so a snippet can
 * never drift from what the demo really runs) and shown as text in `<pre class="snippet">`.
 */

export interface SnippetSource {
  /** The element shown (its attributes and light-DOM label become the HTML). */
  element: Element;
  /** How the merchant's script finds the element, e.g. `#pay`. */
  selector: string;
  /** The `order` property the demo sets (an object, not an attribute). */
  order?: object;
  /** Further lines of the merchant's script, where `el` is the element. */
  script?: string;
}

/** Attributes only the demo page uses. */
const DEMO_ONLY = new Set(['id', 'class']);
const LINE_WIDTH = 80;

export function snippetText({ element, selector, order, script }: SnippetSource): string {
  const parts = [elementHtml(element)];
  const lines: string[] = [];
  if (order || script) lines.push(`const el = document.querySelector('${selector}');`);
  if (order) lines.push(`el.order = ${jsLiteral(order)};`);
  if (script) lines.push(script);
  if (lines.length) parts.push(`<script type="module">\n${indent(lines.join('\n'))}\n</script>`);
  return parts.join('\n\n');
}

/** `<tag a="b" c>label</tag>`, the attributes wrapped at LINE_WIDTH. */
export function elementHtml(element: Element): string {
  const tag = element.localName;
  const attributes = [...element.attributes]
    .filter((attribute) => !DEMO_ONLY.has(attribute.name))
    .map((attribute) => (attribute.value === '' ? attribute.name : `${attribute.name}="${escapeAttribute(attribute.value)}"`));
  const close = `>${escapeText(element.textContent?.trim() ?? '')}</${tag}>`;
  // The closing tag stays on the last attribute's line, and counts in its width.
  if (!attributes.length) return `<${tag}${close}`;
  attributes[attributes.length - 1] += close;
  return wrap(`<${tag}`, attributes);
}

/** Words filled into lines of at most LINE_WIDTH, the following lines indented. */
function wrap(first: string, words: string[]): string {
  const lines = [first];
  for (const word of words) {
    const last = lines.length - 1;
    if (`${lines[last]} ${word}`.length <= LINE_WIDTH) lines[last] += ` ${word}`;
    else lines.push(`  ${word}`);
  }
  return lines.join('\n');
}

/** How the object would be written in a script: bare keys, small objects on one line. */
function jsLiteral(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Array.isArray(value)
    ? value.map((item) => jsLiteral(item, depth + 1))
    : Object.entries(value).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${jsLiteral(item, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (!entries.length) return open + close;
  const flat = Array.isArray(value) ? `[${entries.join(', ')}]` : `{ ${entries.join(', ')} }`;
  // Its line: the script's and the nesting's indent, the flat text, a comma.
  if (!flat.includes('\n') && 2 * (depth + 2) + flat.length + 1 <= LINE_WIDTH) return flat;
  const inner = '  '.repeat(depth + 1);
  return `${open}\n${entries.map((entry) => inner + entry).join(',\n')},\n${'  '.repeat(depth)}${close}`;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

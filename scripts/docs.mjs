// docs/elements.md, generated from custom-elements.json (itself generated from src/ by
// `npm run analyze`): every element's attributes, properties, methods, events, slots, CSS parts,
// CSS custom properties and CSS states. Never edited by hand; `npm run build` runs this right
// after `npm run analyze`, and a Node check in `npm test` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';

export const MANIFEST = 'custom-elements.json';
export const ELEMENTS_DOC = 'docs/elements.md';

/** The order a merchant meets the elements in; any other tag follows, by name. */
const TAG_ORDER = ['checkout-button', 'checkout-modal', 'caja-qr', 'session-status'];

/** A table cell: one line, and `|` escaped (GFM splits cells on it, even inside code). */
function cell(text) {
  const value = String(text ?? '').replace(/\s*\n\s*/g, ' ').trim();
  return value.replace(/\|/g, '\\|') || ' ';
}

function code(text) {
  return text ? `\`${text}\`` : '';
}

/** A declared type as a merchant reads it: an unset attribute is simply absent, so no `| undefined`. */
function typeText(text) {
  return text?.replace(/\s*\|\s*undefined\b/g, '');
}

function table(headers, rows) {
  if (!rows.length) return [];
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

function section(title, headers, rows) {
  const lines = table(headers, rows);
  return lines.length ? [`### ${title}`, '', ...lines] : [];
}

const isPublic = (member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !/^[#_]/.test(member.name);

function signature(method) {
  const params = (method.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`);
  const returns = method.return?.type?.text;
  return `${method.name}(${params.join(', ')})${returns ? `: ${returns}` : ''}`;
}

function elementSection(element, modulePath) {
  const members = (element.members ?? []).filter(isPublic);
  const fields = members.filter((member) => member.kind === 'field');
  const attributes = element.attributes ?? [];
  const withAttribute = new Set(attributes.map((attribute) => attribute.fieldName).filter(Boolean));
  const typeOf = (attribute) => attribute.type?.text ?? fields.find((field) => field.name === attribute.fieldName)?.type?.text;

  return [
    `## \`<${element.tagName}>\``,
    '',
    ...(element.summary ? [`**${element.summary.trim()}**`, ''] : []),
    ...(element.description ? [element.description.trim(), ''] : []),
    `Class \`${element.name}\`, defined in \`${modulePath}\`.`,
    '',
    ...section(
      'Attributes',
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((a) => [code(a.name), code(a.fieldName), code(typeText(typeOf(a))), code(a.default), a.description]),
    ),
    ...section(
      'Properties',
      ['property', 'type', 'description'],
      fields
        .filter((field) => !withAttribute.has(field.name))
        .map((f) => [code(f.name) + (f.readonly ? ' (read-only)' : ''), code(typeText(f.type?.text)), f.description]),
    ),
    ...section(
      'Methods',
      ['method', 'description'],
      members.filter((member) => member.kind === 'method').map((m) => [code(signature(m)), m.description]),
    ),
    ...section(
      'Events',
      ['event', 'class', 'description'],
      (element.events ?? []).filter((e) => e.name).map((e) => [code(e.name), code(e.type?.text), e.description]),
    ),
    ...section(
      'Slots',
      ['slot', 'description'],
      (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description]),
    ),
    ...section(
      'CSS parts',
      ['part', 'description'],
      (element.cssParts ?? []).map((p) => [code(`::part(${p.name})`), p.description]),
    ),
    ...section(
      'CSS custom properties',
      ['property', 'default', 'description'],
      (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), p.description]),
    ),
    ...section(
      'CSS states',
      ['state', 'description'],
      (element.cssStates ?? []).map((s) => [code(`:state(${s.name})`), s.description]),
    ),
  ];
}

/** The custom elements of a manifest, in TAG_ORDER, with the module each is defined in. */
export function elementsOf(manifest) {
  const found = [];
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) found.push({ element: declaration, path: module.path });
    }
  }
  const rank = (tag) => (TAG_ORDER.includes(tag) ? TAG_ORDER.indexOf(tag) : TAG_ORDER.length);
  return found.sort(
    (a, b) => rank(a.element.tagName) - rank(b.element.tagName) || a.element.tagName.localeCompare(b.element.tagName),
  );
}

/** The whole of docs/elements.md for a manifest: the same manifest always gives the same text. */
export function elementsMarkdown(manifest) {
  const elements = elementsOf(manifest);
  const lines = [
    '# Elements reference',
    '',
    '<!-- Generated by scripts/docs.mjs from custom-elements.json: do not edit by hand (npm run build rewrites it). -->',
    '',
    'Every attribute, property, method, event, slot, CSS part, CSS custom property and CSS state of',
    'every element, as the sources declare them. Attributes are set in HTML (kebab-case); properties',
    'are set from script (objects such as `order` only as properties). Events bubble and are',
    'composed; their `detail` and the error codes are in [status model and events](status-model.md#events).',
    'Style the elements with the CSS custom properties and `::part()`s below, and by status with',
    '`:state()` where an element lists CSS states.',
    '',
    ...elements.map(({ element }) => `- [\`<${element.tagName}>\`](#${element.tagName}) — ${cell(element.summary)}`),
    '',
  ];
  for (const { element, path } of elements) lines.push(...elementSection(element, path));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const markdown = elementsMarkdown(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  // Locally the build keeps the page current; in CI a check compares instead (test/node/docs.mjs),
  // so a stale committed page fails rather than being fixed in a throwaway clone.
  if (process.env.CI) console.log(`${ELEMENTS_DOC}: not written in CI (the docs check compares it)`);
  else {
    writeFileSync(ELEMENTS_DOC, markdown);
    console.log(`${ELEMENTS_DOC} written from ${MANIFEST}`);
  }
}

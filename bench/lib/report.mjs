// Figures, their goals, and the BENCHMARKS.md table.

export const FRAME_MS = 1000 / 60;
export const MIB = 1024 * 1024;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
export const frames = (value) => `${(value / FRAME_MS).toFixed(2)} frames`;
export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * One row: `samples` (one number per run), how to show a value, the goal in words and the test
 * of the median against it (or none: a figure without a goal). `met` may look at every sample.
 */
export function figure({ name, samples, show, goal = '—', met, detail }) {
  const value = median(samples);
  return {
    name,
    samples,
    value,
    shown: show(value),
    range: `${show(Math.min(...samples))} – ${show(Math.max(...samples))}`,
    goal,
    met: met ? (met(value, samples) ? 'yes' : 'no') : '—',
    detail,
  };
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

export function table(figures) {
  const rows = figures.map((f) => `| ${cell(f.name)} | ${cell(f.shown)} | ${f.samples.length} | ${cell(f.goal)} | ${f.met} |`);
  return ['| figure | median | runs | goal | met? |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function rangeTable(figures) {
  const rows = figures.map((f) => `| ${cell(f.name)} | ${cell(f.range)} |${f.detail ? ` ${cell(f.detail)} ` : ' '}|`);
  return ['| figure | min – max | more |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The table for a terminal: aligned columns, no Markdown. */
export function plainTable(figures) {
  const header = ['figure', 'median', 'runs', 'goal', 'met?'];
  const rows = figures.map((f) => [f.name, f.shown, String(f.samples.length), f.goal, f.met]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (row) => row.map((text, i) => text.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// custom-elements.json is generated from src/ (never edited by hand): `npm run analyze`.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};

// custom-elements.json is generated from src/ (never edited by hand): `npm run analyze`.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/vue-types.ts', 'src/types/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};

// custom-elements.json is generated from src/ (never edited by hand): `npm run analyze`.
export default {
  globs: ['src/**/*.ts'],
  // src/server/ is the Node entry (no elements): it has no place in the browser manifest.
  exclude: ['src/**/*.test.ts', 'src/vue-types.ts', 'src/types/**', 'src/server/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // `this.dispatchEvent(new CheckoutErrorEvent(…))` reads to the analyzer as an event with no
      // name (the schema requires one); the event itself is documented by the class's @fires.
      name: 'no-nameless-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
    {
      // The analyzer lists modules in the order its file reads finish, which varies from run to
      // run: sorted by path, a build changes the manifest only when an API does.
      name: 'modules-in-path-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
